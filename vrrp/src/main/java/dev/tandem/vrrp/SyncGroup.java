package dev.tandem.vrrp;

import dev.tandem.vrrp.Action.Scope;
import java.util.List;
import java.util.function.Consumer;

/**
 * A vrrp_sync_group with keepalived's all-or-nothing rules (keepalived vrrp_sync.c; keepalived.md §2.2): MASTER
 * only when every member is ready, one member leaving MASTER for BACKUP pulls the rest, one FAULT pulls all.
 * Notify order: the member that moved first, then the group, then the other members (keepalived.md §2.1).
 */
final class SyncGroup {
    final SyncGroupSettings s;
    final List<VrrpInstance> members;
    private final Consumer<String> log;
    private VrrpState state = VrrpState.INIT;

    SyncGroup(SyncGroupSettings s, List<VrrpInstance> members, Consumer<String> log) {
        this.s = s;
        this.members = List.copyOf(members);
        this.log = log;
        for (VrrpInstance m : members) {
            m.group = this;
        }
    }

    VrrpState state() {
        return state;
    }

    boolean faulted() {
        for (VrrpInstance m : members) {
            if (m.ownFault()) {
                return true;
            }
        }
        return false;
    }

    void start(long now, List<Action> out) {
        if (faulted()) {
            notifyGroup(VrrpState.FAULT, out);
        } else if (!members.stream().allMatch(VrrpInstance::wantsMasterAtStart)) {
            notifyGroup(VrrpState.BACKUP, out);
        }
        for (VrrpInstance m : members) {
            m.start(now, out);
        }
    }

    /** keepalived vrrp_sync_can_goto_master: only when every other member wants MASTER too. */
    void memberReady(long now, VrrpInstance ready, List<Action> out) {
        ready.wantsMaster = true;
        for (VrrpInstance m : members) {
            boolean timedOut = m.state == VrrpState.BACKUP && m.downAt <= now;
            if (m != ready && m.state != VrrpState.MASTER && !m.wantsMaster && !timedOut) {
                ready.downAt = now + ready.masterDownMicros();
                log.accept("(" + ready.name() + ") sync group " + s.name() + " not ready to go master, waiting for "
                        + m.name());
                return;
            }
        }
        ready.becomeMaster(now, out, "master down timer expired");
        notifyGroup(VrrpState.MASTER, out);
        for (VrrpInstance m : members) {
            if (m != ready && m.state != VrrpState.MASTER) {
                m.becomeMaster(now, out, "syncing instances to MASTER state");
            }
        }
    }

    void memberToBackup(long now, VrrpInstance first, List<Action> out, String reason) {
        first.becomeBackup(now, out, reason);
        notifyGroup(VrrpState.BACKUP, out);
        for (VrrpInstance m : members) {
            m.wantsMaster = false;
            if (m != first && m.state == VrrpState.MASTER) {
                m.becomeBackup(now, out, "syncing instances to BACKUP state");
            }
        }
    }

    void reevaluate(long now, List<Action> out) {
        if (state == VrrpState.STOP) {
            return;
        }
        if (faulted()) {
            boolean any = false;
            for (VrrpInstance m : members) {
                if (m.ownFault() && (m.state == VrrpState.MASTER || m.state == VrrpState.BACKUP)) {
                    m.enterFault(now, out, "tracked object failed");
                    any = true;
                }
            }
            if (any || state != VrrpState.FAULT) {
                notifyGroup(VrrpState.FAULT, out);
            }
            for (VrrpInstance m : members) {
                if (m.state == VrrpState.MASTER || m.state == VrrpState.BACKUP) {
                    m.enterFault(now, out, "syncing instances to FAULT state");
                }
            }
        } else if (members.stream().anyMatch(m -> m.state == VrrpState.FAULT)) {
            notifyGroup(VrrpState.BACKUP, out);
            for (VrrpInstance m : members) {
                m.leaveFault(now, out);
            }
        }
    }

    void stop(long now, List<Action> out) {
        for (VrrpInstance m : members) {
            m.stop(now, out);
        }
        notifyGroup(VrrpState.STOP, out);
    }

    private void notifyGroup(VrrpState st, List<Action> out) {
        if (state == st) {
            return;
        }
        state = st;
        out.add(new Action.Notify(Scope.GROUP, s.name(), st, 0));
        if (s.smtpAlert() && st != VrrpState.STOP) {
            out.add(new Action.SendMail(Scope.GROUP, s.name(), st));
        }
    }
}
