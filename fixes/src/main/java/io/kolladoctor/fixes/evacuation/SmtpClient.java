package io.kolladoctor.fixes.evacuation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small SMTP client (RFC 5321) for one plain-text mail: EHLO (HELO when refused), STARTTLS whenever the server offers
 * it (port 465: implicit TLS), AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO per receiver, DATA, QUIT. TLS verifies the
 * certificate chain and the host name; a failed handshake never falls back to plain text. The password goes over an
 * unencrypted connection only to a loopback server or when {@code plaintextAuth} allows it. Every read has
 * {@code timeout}; every reply code is checked, and an error names the step and the server's answer (never a
 * credential: what was sent for AUTH is not quoted).
 */
public final class SmtpClient {

    /** What went wrong talking to the server; the message is for the operator. */
    public static final class SmtpException extends IOException {
        public SmtpException(String message) {
            super(message);
        }

        public SmtpException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How the mail went: the receivers that took it, those refused (with the server's answer), the security used. */
    public record Sent(List<String> accepted, List<String> refused, String security, String reply) {
    }

    public static final int IMPLICIT_TLS_PORT = 465;
    private static final int MAX_REPLY_LINE = 2048;
    private static final int MAX_REPLY_LINES = 100;

    private final String server;
    private final int port;
    private final Duration timeout;
    private final SSLSocketFactory tls;
    private final boolean plaintextAuth;
    private final boolean implicitTls;
    private final Predicate<InetAddress> loopback;

    /**
     * {@code tls}: the trust to verify servers with ({@code SSLSocketFactory.getDefault()}: the JDK's CAs).
     * Port 465 is TLS from the first byte (RFC 8314); any other port starts in plain text.
     */
    public SmtpClient(String server, int port, Duration timeout, SSLSocketFactory tls, boolean plaintextAuth) {
        this(server, port, timeout, tls, plaintextAuth, port == IMPLICIT_TLS_PORT, InetAddress::isLoopbackAddress);
    }

    /** For tests: implicit TLS on any port, and what counts as a loopback server. */
    SmtpClient(String server, int port, Duration timeout, SSLSocketFactory tls, boolean plaintextAuth,
               boolean implicitTls, Predicate<InetAddress> loopback) {
        this.server = server;
        this.port = port;
        this.timeout = timeout;
        this.tls = tls;
        this.plaintextAuth = plaintextAuth;
        this.implicitTls = implicitTls;
        this.loopback = loopback;
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String step;

    /**
     * Sends one mail. {@code username} null: no AUTH. Some receivers refused: sent to the others and said in
     * {@link Sent#refused()}; all refused: an exception.
     */
    public synchronized Sent send(String username, String password, String from, List<String> to, String subject,
                                  String body) throws IOException {
        if (!MailMessage.isAddress(from)) {
            throw new SmtpException("sender " + MailMessage.printable(from) + " is not a mail address");
        }
        for (String t : to) {
            if (!MailMessage.isAddress(t)) {
                throw new SmtpException("receiver " + MailMessage.printable(t) + " is not a mail address");
            }
        }
        if (to.isEmpty()) {
            throw new SmtpException("no receiver");
        }
        try {
            step = "connect";
            connect();
            String security = "plain text";
            if (implicitTls) {
                socket = startTls(socket);
                security = "TLS";
            }
            expect(reply("greeting"), 220);
            List<String> extensions = hello();
            if (!(socket instanceof SSLSocket) && has(extensions, "STARTTLS")) {
                command("STARTTLS", "STARTTLS", 220);
                socket = startTls(socket);
                security = "STARTTLS";
                extensions = hello();
            }
            if (username != null) {
                if (!(socket instanceof SSLSocket) && !plaintextAuth && !loopback.test(socket.getInetAddress())) {
                    throw new SmtpException(where() + " offers no STARTTLS: not sending the password unencrypted "
                            + "(allow it with --mail-plaintext-auth)");
                }
                authenticate(extensions, username, password);
            }
            boolean eightBit = has(extensions, "8BITMIME");
            command("MAIL FROM:<" + from + ">" + (eightBit ? " BODY=8BITMIME" : ""), "MAIL FROM", 250);
            List<String> accepted = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (String t : to) {
                Reply r = send("RCPT TO:<" + t + ">", "RCPT TO " + t);
                if (r.code() == 250 || r.code() == 251) {
                    accepted.add(t);
                } else if (r.code() / 100 == 5 || r.code() / 100 == 4) {
                    refused.add(t + " (" + r.text() + ")");
                } else {
                    throw unexpected(r, "250");
                }
            }
            if (accepted.isEmpty()) {
                throw new SmtpException(where() + " refused every receiver: " + String.join(", ", refused));
            }
            command("DATA", "DATA", 354);
            step = "the message";
            String message = MailMessage.build(from, accepted, subject, body, ZonedDateTime.now(), eightBit);
            write(MailMessage.dotStuffed(message));
            Reply done = reply("the end of the message");
            expect(done, 250);
            quit();
            return new Sent(List.copyOf(accepted), List.copyOf(refused), security, done.text());
        } catch (SocketTimeoutException e) {
            throw new SmtpException(where() + " did not answer " + step + " within " + timeout.toSeconds() + " s", e);
        } catch (javax.net.ssl.SSLException e) {
            throw new SmtpException(where() + ": TLS failed at " + step + ": " + e.getMessage(), e);
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw new SmtpException(where() + ": " + step + " failed: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    private void connect() throws IOException {
        IOException last = null;
        for (InetAddress address : InetAddress.getAllByName(server)) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                s.setSoTimeout((int) timeout.toMillis());
                use(s);
                return;
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address for " + server);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** TLS over the connection, the certificate checked for {@code server} (the name the operator gave). */
    private Socket startTls(Socket plain) throws IOException {
        step = "the TLS handshake";
        SSLSocket s = (SSLSocket) tls.createSocket(plain, server, port, true);
        SSLParameters parameters = s.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // host name verification (RFC 6125, as for HTTPS)
        s.setSSLParameters(parameters);
        s.setSoTimeout((int) timeout.toMillis());
        s.startHandshake();
        use(s);
        return s;
    }

    /** EHLO, or HELO when the server does not know EHLO (then no extension). The extension lines, upper case. */
    private List<String> hello() throws IOException {
        String name = localName();
        Reply r = send("EHLO " + name, "EHLO");
        if (r.code() == 250) {
            return r.lines().stream().skip(1).map(l -> l.toUpperCase(Locale.ROOT)).toList();
        }
        if (r.code() / 100 != 5) {
            throw unexpected(r, "250");
        }
        command("HELO " + name, "HELO", 250);
        return List.of();
    }

    private static boolean has(List<String> extensions, String keyword) {
        return extensions.stream().anyMatch(e -> e.equals(keyword) || e.startsWith(keyword + " "));
    }

    private void authenticate(List<String> extensions, String username, String password) throws IOException {
        List<String> mechanisms = extensions.stream().filter(e -> e.startsWith("AUTH ") || e.startsWith("AUTH="))
                .flatMap(e -> List.of(e.substring(5).trim().split("\\s+")).stream()).toList();
        if (mechanisms.contains("PLAIN")) {
            String token = base64("\0" + username + "\0" + password);
            step = "AUTH PLAIN";
            expect(send("AUTH PLAIN " + token, "AUTH PLAIN"), 235);
        } else if (mechanisms.contains("LOGIN")) {
            command("AUTH LOGIN", "AUTH LOGIN", 334);
            command(base64(username), "AUTH LOGIN (user name)", 334);
            command(base64(password), "AUTH LOGIN (password)", 235);
        } else {
            throw new SmtpException(where() + " offers no AUTH PLAIN or LOGIN (it offers: "
                    + (mechanisms.isEmpty() ? "no AUTH" : String.join(" ", mechanisms)) + "); need_auth = true");
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void quit() {
        try {
            step = "QUIT";
            send("QUIT", "QUIT"); // the mail is accepted already: a rude close is not an error
        } catch (IOException ignored) {
            // see above
        }
    }

    private void command(String line, String name, int expected) throws IOException {
        expect(send(line, name), expected);
    }

    private Reply send(String line, String name) throws IOException {
        step = name;
        write(line + "\r\n");
        return reply(name);
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private record Reply(int code, List<String> lines) {
        String text() {
            return MailMessage.printable(String.join(" / ", lines));
        }
    }

    /** One reply, all its lines ({@code 250-...} continues, {@code 250 ...} ends); the code the same on each. */
    private Reply reply(String name) throws IOException {
        step = name;
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new SmtpException(where() + " answered " + name + " with something that is not SMTP: "
                        + MailMessage.printable(line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
            int c = Integer.parseInt(line.substring(0, 3));
            if (code != -1 && c != code) {
                throw new SmtpException(where() + " answered " + name + " with mixed reply codes " + code + " and " + c);
            }
            code = c;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(code, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new SmtpException(where() + " answered " + name + " with more than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new SmtpException(where() + " closed the connection at " + step);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new SmtpException(where() + " answered " + step + " with a line longer than " + MAX_REPLY_LINE);
            }
            line.write(b);
        }
    }

    private void expect(Reply r, int code) throws SmtpException {
        if (r.code() != code) {
            throw unexpected(r, String.valueOf(code));
        }
    }

    private SmtpException unexpected(Reply r, String wanted) {
        String kind = r.code() / 100 == 5 ? "refused" : r.code() / 100 == 4 ? "temporarily refused" : "answered";
        String text = r.text();
        return new SmtpException(where() + " " + kind + " " + step + ": " + r.code() + " "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text) + " (expected " + wanted + ")");
    }

    private String where() {
        return server + ":" + port;
    }

    /** EHLO's argument: this end's address as an address literal (RFC 5321 4.1.3), needing no DNS. */
    private String localName() {
        InetAddress local = socket.getLocalAddress();
        return local instanceof java.net.Inet6Address ? "[IPv6:" + local.getHostAddress().replaceAll("%.*", "") + "]"
                : "[" + local.getHostAddress() + "]";
    }

    private void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
        socket = null;
        in = null;
        out = null;
    }
}
