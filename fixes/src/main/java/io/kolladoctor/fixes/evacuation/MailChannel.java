package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * The notice as a mail, UMHA's way ({@code [email]} of umha.conf): to every address of {@code receiver_list}, from
 * {@code sender_username}, subject {@code mail_subject} with the host and outcome, the webhook's fields as the body.
 */
public final class MailChannel implements Notifier.Channel {

    private final UmhaConfig.Mail mail;
    private final SmtpClient client;

    /** {@code plaintextAuth}: the operator allows the password over an unencrypted connection to a remote server. */
    public MailChannel(UmhaConfig.Mail mail, boolean plaintextAuth, Duration timeout, SSLSocketFactory tls) {
        this.mail = mail;
        this.client = new SmtpClient(mail.server(), mail.port(), timeout, tls, plaintextAuth);
    }

    public MailChannel(UmhaConfig.Mail mail, boolean plaintextAuth) {
        this(mail, plaintextAuth, Notifier.TIMEOUT, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public Notifier.Delivery send(Notifier.Notice notice) throws IOException {
        if (mail.unusable().isPresent()) {
            return new Notifier.Delivery(false, "not sent: " + mail.unusable().get());
        }
        SmtpClient.Sent sent = client.send(mail.needAuth() ? mail.username() : null, mail.password(), mail.username(),
                mail.receivers(), subject(notice), body(notice));
        return new Notifier.Delivery(true, "sent to " + String.join(", ", sent.accepted()) + " through "
                + mail.server() + ":" + mail.port() + " (" + sent.security() + ")"
                + (sent.refused().isEmpty() ? "" : "; refused: " + String.join("; ", sent.refused())));
    }

    String subject(Notifier.Notice notice) {
        return mail.subject() + ": " + notice.host() + " " + notice.outcome();
    }

    static String body(Notifier.Notice notice) {
        return "kolla-doctor evacuate " + notice.host() + ": " + notice.outcome() + "\n\n"
                + "host:    " + notice.host() + "\n"
                + "outcome: " + notice.outcome() + "\n"
                + "time:    " + notice.time() + "\n"
                + "source:  " + notice.source() + "\n\n"
                + notice.summary() + "\n";
    }
}
