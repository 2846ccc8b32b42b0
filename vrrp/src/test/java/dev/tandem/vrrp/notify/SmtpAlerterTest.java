package dev.tandem.vrrp.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.vrrp.Action;
import dev.tandem.vrrp.Action.Scope;
import dev.tandem.vrrp.VrrpState;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** smtp_alert against a real SMTP server on loopback (GreenMail). */
class SmtpAlerterTest {
    private GreenMail mail;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterEach
    void stopServer() {
        mail.stop();
    }

    private SmtpSettings settings() {
        return new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), "lb1@example.org",
                List.of("ops@example.org", "oncall@example.org"), Duration.ofSeconds(5), "lb1");
    }

    @Test
    void instanceTransitionMailUsesKeepalivedSubjectAndBody() throws Exception {
        try (SmtpAlerter a = new SmtpAlerter(settings(), log::add)) {
            a.accept(new Action.SendMail(Scope.INSTANCE, "VI_1", VrrpState.MASTER));
            await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 2);
        }
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[lb1] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(((String) m.getContent()).strip()).isEqualTo("=> VRRP Instance is now owning VRRP VIPs <=");
        assertThat(m.getFrom()[0].toString()).isEqualTo("lb1@example.org");
        assertThat(log).contains("SMTP alert successfully sent.");
    }

    @Test
    void groupAndBackupMailsFollowKeepalivedWording() throws Exception {
        try (SmtpAlerter a = new SmtpAlerter(settings(), log::add)) {
            a.accept(new Action.SendMail(Scope.INSTANCE, "VI_1", VrrpState.BACKUP));
            a.accept(new Action.SendMail(Scope.GROUP, "VG_1", VrrpState.FAULT));
            await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 4);
        }
        assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "[lb1] VRRP Instance VI_1 - Entering BACKUP state", "[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                "[lb1] VRRP Group VG_1 - Entering FAULT state", "[lb1] VRRP Group VG_1 - Entering FAULT state");
        for (MimeMessage m : mail.getReceivedMessages()) {
            assertThat(((String) m.getContent()).strip()).isEqualTo(m.getSubject().contains("Group")
                    ? "=> All VRRP group instances are now in FAULT state <="
                    : "=> VRRP Instance is no longer owning VRRP VIPs <=");
        }
    }

    @Test
    void unreachableServerIsLoggedNotThrown() {
        int port = mail.getSmtp().getPort();
        mail.stop();
        SmtpSettings s = new SmtpSettings("127.0.0.1", port, "lb1@example.org", List.of("ops@example.org"),
                Duration.ofSeconds(2), "lb1");
        try (SmtpAlerter a = new SmtpAlerter(s, log::add)) {
            a.accept(new Action.SendMail(Scope.INSTANCE, "VI_1", VrrpState.FAULT));
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.isEmpty());
        }
        assertThat(log.getFirst()).startsWith("Error sending SMTP alert to 127.0.0.1:" + port);
    }
}
