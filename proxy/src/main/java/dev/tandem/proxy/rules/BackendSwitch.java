package dev.tandem.proxy.rules;

/** "use_backend name [if|unless cond]"; the name is a log-format string (configuration.txt "use_backend"). */
public record BackendSwitch(LogFormat backend, Condition condition) {}
