package dev.tandem.proxy.lb;

/** Session accounting shared by every algorithm. */
abstract class AbstractBalancer implements Balancer {

    protected final BackendState state;

    AbstractBalancer(BackendState state) {
        this.state = state;
    }

    @Override
    public BackendState state() {
        return state;
    }

    @Override
    public void release(BackendServer server) {
        state.releaseSession(server);
    }

    protected Pick assign(BackendServer server) {
        state.takeSession(server);
        return new Pick.Assigned(server);
    }
}
