package dev.tandem.proxy.lb;

/** What a balancer decided for one request. */
public sealed interface Pick {

    /** The request goes to {@code server}; a session slot is taken, give it back with {@link Balancer#release}. */
    record Assigned(BackendServer server) implements Pick {}

    /**
     * The algorithm is deterministic (a hash) and chose a server whose maxconn is reached: the
     * request waits in that server's queue (configuration.txt "maxconn" on server lines).
     */
    record QueueOnServer(BackendServer server) implements Pick {}

    /** Every usable server is at its maxconn: the request waits in the backend's queue. */
    record QueueOnBackend() implements Pick {}

    /** No usable server at all: the caller answers 503. */
    record NoServer() implements Pick {}

    Pick NO_SERVER = new NoServer();
    Pick QUEUE_ON_BACKEND = new QueueOnBackend();
}
