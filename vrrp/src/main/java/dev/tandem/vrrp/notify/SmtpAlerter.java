package dev.tandem.vrrp.notify;

import dev.tandem.vrrp.Action;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends smtp_alert mail for {@link Action.SendMail} actions over plain SMTP (angus-mail), one at a time on its
 * own thread; failures are logged, never thrown. keepalived sends nothing without notification_email and
 * smtp_server (keepalived.md §0.5), so neither does this: build it only when both are set.
 */
public final class SmtpAlerter implements AutoCloseable {
    private final SmtpSettings settings;
    private final Consumer<String> log;
    private final Session session;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vrrp-smtp")
            .factory());

    public SmtpAlerter(SmtpSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.server());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.connectTimeout().toMillis()));
        this.session = Session.getInstance(p);
    }

    public void accept(Action.SendMail m) {
        Optional<MailText> text = MailText.of(settings.routerId(), m.scope(), m.name(), m.state());
        if (text.isEmpty() || settings.to().isEmpty()) {
            return;
        }
        worker.execute(() -> send(text.get()));
    }

    private void send(MailText text) {
        try {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) {
                msg.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            msg.setSubject(text.subject());
            msg.setSentDate(new Date());
            msg.setHeader("X-Mailer", "Tandem");
            msg.setText(text.body() + "\r\n", "UTF-8");
            Transport.send(msg);
            log.accept("SMTP alert successfully sent.");
        } catch (MessagingException e) {
            log.accept("Error sending SMTP alert to " + settings.server() + ":" + settings.port() + " - "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(settings.connectTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
