package dev.tandem.proxy.lb;

/**
 * {@code balance first}: the usable server with the lowest id that still has a free maxconn
 * slot (configuration.txt "balance first"), so servers fill one after the other and the last
 * ones can be powered down. A server without maxconn takes everything.
 */
final class FirstAvailable extends AbstractBalancer {

    FirstAvailable(BackendState state) {
        super(state);
    }

    @Override
    public synchronized Pick pick(RequestKey key) {
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        BackendServer avoid = key.avoid().orElse(null);
        BackendServer avoided = null;
        for (BackendServer s : candidates.servers()) {
            if (state.isSaturated(s)) {
                continue;
            }
            if (s.equals(avoid)) {
                avoided = s;
                continue;
            }
            return assign(s);
        }
        return avoided != null ? assign(avoided) : Pick.QUEUE_ON_BACKEND;
    }
}
