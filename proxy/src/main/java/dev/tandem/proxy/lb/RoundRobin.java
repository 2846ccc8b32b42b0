package dev.tandem.proxy.lb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code balance roundrobin}: haproxy's weighted, dynamic round robin (lb_fwrr.c), reproduced
 * so that the same config gives the same sequence of servers: 1:2:3 gives {@code c b c a c b},
 * 5:3:2 gives {@code a b a c a b a b a c} (measured on haproxy 2.6.12). Each server holds a next
 * position on a line as long as the total weight and advances by {@code total / weight} when
 * picked; the server whose position is reached first goes. Weight and up/down changes apply at
 * once. Servers at their maxconn are skipped for that pick and keep their place.
 *
 * <p>Weights are scaled by 16 as in haproxy so that positions stay integers for small weights.
 */
final class RoundRobin extends AbstractBalancer {

    private static final int SCALE = ConsistentRing.POINTS_PER_WEIGHT;
    private static final int EWEIGHT_MAX = BackendServer.MAX_WEIGHT * SCALE;

    private record Node(long key, long seq, int server) {}

    private static final Comparator<Node> ORDER = Comparator.comparingLong(Node::key).thenComparingLong(Node::seq);

    /** Active servers and backup servers each rotate on their own. */
    private static final class Group {
        int currPos;
        int currWeight;
        int nextWeight;
        final TreeSet<Node> curr = new TreeSet<>(ORDER);
        TreeSet<Node> init = new TreeSet<>(ORDER);
        TreeSet<Node> next = new TreeSet<>(ORDER);
    }

    private final List<BackendServer> servers;
    private final Group active = new Group();
    private final Group backup = new Group();
    private final int[] npos;
    private final int[] lpos;
    private final int[] rweight;
    private final int[] eweight; // the weight this balancer currently accounts for, 0 when unusable
    private final Node[] nodes;
    private final TreeSet<?>[] treeOf; // the tree a server was last queued in, null once removed
    private long seq;
    private long seenVersion;

    RoundRobin(BackendState state) {
        super(state);
        this.servers = state.servers();
        int n = servers.size();
        npos = new int[n];
        lpos = new int[n];
        rweight = new int[n];
        eweight = new int[n];
        nodes = new Node[n];
        treeOf = new TreeSet<?>[n];
        seenVersion = state.version();
        for (BackendServer s : servers) {
            int w = weightNow(s);
            if (w > 0) {
                eweight[s.index()] = w;
                group(s).nextWeight += w;
            }
        }
        for (Group g : List.of(active, backup)) {
            g.currPos = g.currWeight = g.nextWeight;
        }
        for (BackendServer s : servers) {
            if (eweight[s.index()] > 0) {
                queueByWeight(group(s).init, s);
            }
        }
    }

    private int weightNow(BackendServer s) {
        return state.isUsable(s) ? state.effectiveWeight(s) * SCALE : 0;
    }

    private Group group(BackendServer s) {
        return s.backup() ? backup : active;
    }

    // ---- the trees ----

    private void insert(TreeSet<Node> tree, BackendServer s, long key) {
        Node node = new Node(key, seq++, s.index());
        tree.add(node);
        nodes[s.index()] = node;
        treeOf[s.index()] = tree;
    }

    private void queueByWeight(TreeSet<Node> tree, BackendServer s) {
        insert(tree, s, EWEIGHT_MAX - (long) eweight[s.index()]);
    }

    /** Leaves the tree but remembers which one it was, as the position update depends on it. */
    private void dequeue(BackendServer s) {
        Node node = nodes[s.index()];
        if (node != null && treeOf[s.index()] != null) {
            treeOf[s.index()].remove(node);
        }
        nodes[s.index()] = null;
    }

    private void queue(BackendServer s) {
        Group g = group(s);
        int i = s.index();
        if (eweight[i] <= 0) {
            treeOf[i] = null;
        } else if (npos[i] >= 2 * g.currWeight || npos[i] >= g.currWeight + g.nextWeight) {
            // beyond this round: wait in the next one, at a position relative to it
            npos[i] -= g.currWeight;
            queueByWeight(g.next, s);
        } else {
            insert(g.curr, s, (long) BackendServer.MAX_WEIGHT * npos[i] + (EWEIGHT_MAX + rweight[i] - eweight[i]) / SCALE);
        }
    }

    /** Brings a server's position into the current round according to where it waited. */
    private void position(BackendServer s) {
        Group g = group(s);
        int i = s.index();
        if (treeOf[i] == g.init) {
            npos[i] = 0;
            rweight[i] = 0;
        } else if (treeOf[i] == g.next) {
            npos[i] += g.currWeight;
        } else if (treeOf[i] == null) {
            npos[i] = g.currPos;
        }
    }

    private void advance(Group g, BackendServer s) {
        int i = s.index();
        int w = eweight[i];
        if (w == 0) {
            return;
        }
        if (npos[i] == 0) {
            npos[i] = g.currPos;
        }
        lpos[i] = npos[i];
        npos[i] += g.nextWeight / w;
        rweight[i] += g.nextWeight % w;
        if (rweight[i] >= w) {
            rweight[i] -= w;
            npos[i]++;
        }
    }

    private BackendServer fromGroup(Group g) {
        BackendServer s1 = null;
        if (!g.curr.isEmpty()) {
            s1 = servers.get(g.curr.first().server());
            if (eweight[s1.index()] > 0 && npos[s1.index()] <= g.currPos) {
                return s1;
            }
        }
        if (!g.init.isEmpty()) {
            BackendServer s2 = servers.get(g.init.first().server());
            if (eweight[s2.index()] > 0) {
                npos[s2.index()] = 0;
                rweight[s2.index()] = 0;
                return s2;
            }
        }
        return s1;
    }

    private static void switchTrees(Group g) {
        TreeSet<Node> swap = g.init;
        g.init = g.next;
        g.next = swap;
        g.currWeight = g.nextWeight;
        g.currPos = g.currWeight;
    }

    // ---- state changes, replayed from BackendState ----

    private void sync() {
        long v = state.version();
        if (v == seenVersion) {
            return;
        }
        seenVersion = v;
        for (BackendServer s : servers) {
            int before = eweight[s.index()];
            int now = weightNow(s);
            if (before == now) {
                continue;
            }
            Group g = group(s);
            if (now == 0) {
                g.nextWeight -= before;
                dequeue(s);
                treeOf[s.index()] = null;
                eweight[s.index()] = 0;
            } else if (before == 0) {
                g.nextWeight += now;
                position(s);
                eweight[s.index()] = now;
                npos[s.index()] = g.currPos + (g.nextWeight + g.currWeight - g.currPos) / now;
                queue(s);
            } else {
                changeWeight(g, s, now);
            }
        }
    }

    private void changeWeight(Group g, BackendServer s, int now) {
        int i = s.index();
        g.nextWeight += now - eweight[i];
        if (treeOf[i] == g.init) {
            dequeue(s);
            eweight[i] = now;
            queueByWeight(g.init, s);
            return;
        }
        position(s);
        int previousNext = npos[i];
        int step = g.nextWeight / now;
        npos[i] = Math.min(lpos[i] + step, previousNext);
        rweight[i] = 0;
        if (npos[i] < g.currPos + 2) {
            npos[i] = g.currPos + step;
        }
        dequeue(s);
        eweight[i] = now;
        queue(s);
    }

    // ---- picking ----

    @Override
    public synchronized Pick pick(RequestKey key) {
        sync();
        BackendState.Candidates candidates = state.candidates();
        if (candidates.isEmpty()) {
            return Pick.NO_SERVER;
        }
        if (candidates.backup() && !state.allBackups()) {
            BackendServer first = candidates.servers().getFirst();
            return state.isSaturated(first) ? new Pick.QueueOnServer(first) : assign(first);
        }
        Group g = candidates.backup() ? backup : active;
        BackendServer avoid = key.avoid().orElse(null);
        BackendServer chosen = null;
        BackendServer avoided = null;
        boolean switched = false;
        List<BackendServer> full = new ArrayList<>();
        boolean found = false;
        while (!found) {
            if (g.currWeight == 0) {
                g.currPos = g.currWeight = g.nextWeight;
            }
            BackendServer s;
            while (true) {
                s = fromGroup(g);
                if (s != null) {
                    break;
                }
                if (switched) {
                    break;
                }
                switched = true;
                switchTrees(g);
            }
            if (s == null) {
                chosen = avoided;
                break;
            }
            advance(g, s);
            dequeue(s);
            g.currPos++;
            if (!state.isSaturated(s)) {
                if (!s.equals(avoid) || avoided != null) {
                    chosen = s;
                    found = true;
                    continue;
                }
                avoided = s;
            }
            full.add(s);
        }
        if (chosen != null) {
            queue(chosen);
        }
        for (BackendServer f : full) {
            if (f.equals(chosen)) {
                continue;
            }
            if (switched) {
                queueByWeight(g.init, f);
            } else {
                queue(f);
            }
        }
        return chosen == null ? Pick.QUEUE_ON_BACKEND : assign(chosen);
    }
}
