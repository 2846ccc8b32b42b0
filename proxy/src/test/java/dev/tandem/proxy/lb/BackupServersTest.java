package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** configuration.txt "backup" (server) and "option allbackups". */
class BackupServersTest {

    private static List<BackendServer> servers() {
        return List.of(BackendServer.of(0, "app1", 1), BackendServer.of(1, "app2", 1),
                BackendServer.of(2, "bk1", 1).asBackup(), BackendServer.of(3, "bk2", 1).asBackup());
    }

    private static Set<String> used(Balancer b, int n) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            out.add(Servers.pickName(b, RequestKey.none()));
        }
        return out;
    }

    @Test
    void backupsGetNothingWhileAnActiveServerIsUsable() {
        List<BackendServer> s = servers();
        BackendState state = new BackendState("be", s, false, 0);
        state.setChecksSayUp(s.get(0), false, 1);
        Balancer b = Balancer.of(new Balance.RoundRobin(), HashType.MAP_BASED, state, new Random(1));
        assertThat(used(b, 10)).containsExactly("app2");
    }

    @Test
    void withoutAllbackupsOnlyTheFirstUsableBackupServes() {
        List<BackendServer> s = servers();
        BackendState state = new BackendState("be", s, false, 0);
        state.setChecksSayUp(s.get(0), false, 1);
        state.setChecksSayUp(s.get(1), false, 1);
        Balancer b = Balancer.of(new Balance.RoundRobin(), HashType.MAP_BASED, state, new Random(1));
        assertThat(used(b, 10)).containsExactly("bk1");
        state.setChecksSayUp(s.get(2), false, 2);
        assertThat(used(b, 10)).containsExactly("bk2");
    }

    @Test
    void withAllbackupsEveryUsableBackupServes() {
        List<BackendServer> s = servers();
        BackendState state = new BackendState("be", s, true, 0);
        state.setAdmin(s.get(0), AdminState.MAINT, 1);
        state.setChecksSayUp(s.get(1), false, 1);
        Balancer b = Balancer.of(new Balance.LeastConn(), HashType.MAP_BASED, state, new Random(1));
        assertThat(used(b, 10)).containsExactlyInAnyOrder("bk1", "bk2");
        assertThat(state.candidates().backup()).isTrue();
    }

    @Test
    void activeServerComingBackTakesTrafficFromBackups() {
        List<BackendServer> s = servers();
        BackendState state = new BackendState("be", s, false, 0);
        state.setChecksSayUp(s.get(0), false, 1);
        state.setChecksSayUp(s.get(1), false, 1);
        Balancer b = Balancer.of(new Balance.RoundRobin(), HashType.MAP_BASED, state, new Random(1));
        assertThat(used(b, 3)).containsExactly("bk1");
        state.setChecksSayUp(s.get(1), true, 2);
        assertThat(used(b, 3)).containsExactly("app2");
    }
}
