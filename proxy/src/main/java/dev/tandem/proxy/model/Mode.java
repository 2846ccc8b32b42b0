package dev.tandem.proxy.model;

/** haproxy "mode": the default is tcp (configuration.txt "mode"). */
public enum Mode { TCP, HTTP }
