package org.paperboy.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail over SMTP with Jakarta Mail, keeping one connection open across sends so that bulk
 * mail (digests) costs one SMTP transaction per message, not one connection. Sends are serialised
 * on that connection; it is reopened when the server dropped it. Close the mailer to close the
 * connection.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

    /** Connect, read and write time-out: a dead server fails a send in seconds rather than hanging it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_LINE = 998;

    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[\\s-]");

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final String messageIdDomain;

    // A lock rather than synchronized: a virtual thread blocked on SMTP I/O inside synchronized
    // would pin its carrier thread on Java 21 (JEP 491 lifts this only in Java 24).
    private final ReentrantLock lock = new ReentrantLock();
    private EndAwareTransport transport;
    private boolean closed;
    private int connections;

    public SmtpMailer(SmtpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A mailer that stamps each message's {@code Date} header from {@code clock}. */
    public SmtpMailer(SmtpSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            InternetAddress parsed = new InternetAddress(settings.from(), true);
            // Re-created so that a non-ASCII display name is sent RFC 2047-encoded, not as raw bytes.
            this.from = new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("from='" + settings.from() + "' is not an e-mail address", e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
        this.session = Session.getInstance(properties(settings, address));
    }

    private static Properties properties(SmtpSettings s, String envelopeFrom) {
        Properties p = new Properties();
        String timeout = Long.toString(TIMEOUT.toMillis());
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.socketFactory", NoDelaySockets.INSTANCE);
        p.setProperty("mail.smtp.auth", Boolean.toString(s.authenticates()));
        // Closing does not wait for the answer to QUIT: a connection given up in the middle of a
        // message would otherwise wait out the read time-out.
        p.setProperty("mail.smtp.quitwait", "false");
        // The protocol trace would contain the credentials (base64 is not encryption).
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        switch (s.tls()) {
            case NONE -> {}
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                // Without this a server that does not offer STARTTLS would get the password in clear text.
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    @Override
    public void send(MailMessage message) {
        send(message, null);
    }

    /**
     * Sends {@code message}; {@code beforeEnd} (may be null) runs after the message's content was
     * written and before the line that ends it. A connection the server dropped is reopened and the
     * message sent again only when that line was not yet sent, so that the server cannot have it.
     */
    @Override
    public void send(MailMessage message, Runnable beforeEnd) {
        Objects.requireNonNull(message, "message");
        MimeMessage mime;
        Address[] recipients;
        try {
            mime = mime(message);
            recipients = new Address[] {new InternetAddress(message.to(), true)};
        } catch (MessagingException e) {
            throw failure(message, e);
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the SMTP mailer for " + server() + " is closed");
            }
            boolean reused = transport != null;
            try {
                deliver(mime, recipients, beforeEnd);
            } catch (MessagingException e) {
                boolean ended = transport != null && transport.endStarted;
                discardTransport();
                if (!reused || ended || !dropped(e)) {
                    throw failure(message, e);
                }
                log.debug("SMTP connection to {} was dropped ({}); reconnecting", server(), e.getMessage());
                try {
                    deliver(mime, recipients, beforeEnd);
                } catch (MessagingException retry) {
                    discardTransport();
                    throw failure(message, retry);
                }
            } catch (RuntimeException | Error e) {
                // beforeEnd failed: close the connection in the middle of the message, which the
                // server then drops (RFC 5321 section 4.1.1.4).
                discardTransport();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void deliver(MimeMessage mime, Address[] recipients, Runnable beforeEnd) throws MessagingException {
        if (transport == null) {
            EndAwareTransport t = (EndAwareTransport) session.getTransport(END_AWARE);
            try {
                t.connect(settings.host(), settings.port(), settings.user(), settings.password());
            } catch (MessagingException e) {
                closeQuietly(t); // e.g. the socket is open but the login was refused
                throw e;
            }
            connections++;
            log.debug(
                    "Connected to SMTP server {} ({}{})",
                    server(),
                    settings.tls(),
                    settings.authenticates() ? ", as " + settings.user() : "");
            transport = t;
        }
        transport.beforeEnd = beforeEnd;
        transport.endStarted = false;
        try {
            transport.sendMessage(mime, recipients);
        } finally {
            if (transport != null) {
                transport.beforeEnd = null;
            }
        }
    }

    /**
     * Whether {@code e} means the server closed a kept-open connection before this message was
     * handed over, so sending it again on a new connection cannot deliver it twice. A read time-out
     * or a failure after the final "." does not qualify: the server may have accepted the message.
     */
    private static boolean dropped(MessagingException e) {
        if (e instanceof SMTPSendFailedException f) {
            return !".".equals(f.getCommand()) && (f.getReturnCode() == -1 || f.getReturnCode() == 421);
        }
        if (e instanceof SMTPSenderFailedException f) {
            return f.getReturnCode() == -1 || f.getReturnCode() == 421;
        }
        Throwable cause = e.getCause();
        return cause instanceof IOException && !(cause instanceof SocketTimeoutException);
    }

    private MimeMessage mime(MailMessage m) throws MessagingException {
        String messageId =
                m.messageId() != null ? m.messageId() : "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
        MimeMessage mime = new IdentifiedMimeMessage(session, messageId);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to(), true));
        mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(clock.instant()));
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            String name = h.getKey();
            String value = h.getValue();
            if (name.equalsIgnoreCase("Message-ID")) {
                continue; // set above
            }
            // Sent verbatim; folded only when the line would break RFC 5322's 998-character limit.
            boolean tooLong = name.length() + 2 + value.length() > MAX_LINE;
            mime.setHeader(name, tooLong ? MimeUtility.fold(name.length() + 2, value) : value);
        }
        if (m.htmlBody() == null) {
            mime.setText(m.textBody(), StandardCharsets.UTF_8.name(), "plain");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.textBody(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.htmlBody(), StandardCharsets.UTF_8.name(), "html");
            // RFC 2046 section 5.1.4: alternatives in increasing order of preference, plain text first.
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            mime.setContent(alternative);
        }
        mime.saveChanges();
        return mime;
    }

    private MailException failure(MailMessage m, Exception e) {
        int code = replyCode(e);
        boolean permanent = (code >= 500 && code < 600)
                || e instanceof AddressException
                || (e instanceof AuthenticationFailedException && (code < 400 || code >= 500));
        return new MailException(
                "mail to " + m.to() + " via " + server() + " failed (" + (permanent ? "permanent" : "transient") + "): "
                        + describe(e),
                permanent,
                e);
    }

    /**
     * The messages along the cause chain on one line, each added only when it says something new:
     * "Couldn't connect ...: Connection refused" rather than just the outermost message.
     */
    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        String last = "";
        for (int depth = 0; e != null && depth < 10; depth++, e = e.getCause()) {
            String message = e.getMessage() == null
                    ? ""
                    : e.getMessage().replaceAll("\\s+", " ").strip();
            if (message.endsWith(";")) {
                message = message.substring(0, message.length() - 1);
            }
            if (!message.isEmpty() && !last.contains(message)) {
                b.append(b.isEmpty() ? "" : ": ").append(message);
                last = message;
            }
        }
        return b.toString();
    }

    /** The SMTP reply code behind {@code e}, searching nested exceptions, or -1 when there is none. */
    private static int replyCode(Throwable e) {
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof SMTPSendFailedException f && f.getReturnCode() > 0) {
                return f.getReturnCode();
            }
            if (e instanceof SMTPAddressFailedException f && f.getReturnCode() > 0) {
                return f.getReturnCode();
            }
            if (e instanceof SMTPSenderFailedException f && f.getReturnCode() > 0) {
                return f.getReturnCode();
            }
            if (e instanceof AuthenticationFailedException && e.getMessage() != null) {
                Matcher matcher = REPLY_CODE.matcher(e.getMessage());
                return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
            }
            e = e.getCause(); // for a MessagingException, its nested ("next") exception
        }
        return -1;
    }

    private String server() {
        return settings.host() + ":" + settings.port();
    }

    /** How many connections this mailer has opened; for tests of connection reuse. */
    int connections() {
        lock.lock();
        try {
            return connections;
        } finally {
            lock.unlock();
        }
    }

    private void discardTransport() {
        EndAwareTransport t = transport;
        transport = null;
        if (t != null) {
            closeQuietly(t);
        }
    }

    private void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException e) {
            log.debug("Closing the SMTP connection to {} failed: {}", server(), e.getMessage());
        }
    }

    /** Closes the kept-open connection (sending QUIT); later sends fail with IllegalStateException. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            discardTransport();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Plain sockets (TLS is layered on them) with Nagle's algorithm off. With it on, the short
     * writes that end an SMTP command or a message wait for the acknowledgement of the data
     * before them, which the server delays by up to 40 ms: one connection then sends about 20
     * messages a second whatever the machine (BENCHMARKS.md).
     */
    private static final class NoDelaySockets extends SocketFactory {
        static final NoDelaySockets INSTANCE = new NoDelaySockets();

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
            Socket socket = createSocket();
            try {
                if (local != null) {
                    socket.bind(local);
                }
                socket.connect(remote, (int) TIMEOUT.toMillis());
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }

    private static final Provider END_AWARE =
            new Provider(Provider.Type.TRANSPORT, "smtp", EndAwareTransport.class.getName(), "Paperboy", null);

    /**
     * Jakarta Mail's SMTP transport, running a hook before the line that ends a message's data
     * ({@code "."}): the moment after which the server may have accepted the message.
     */
    public static final class EndAwareTransport extends SMTPTransport {

        private Runnable beforeEnd;
        private boolean endStarted;

        public EndAwareTransport(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            endStarted = true;
            if (beforeEnd != null) {
                beforeEnd.run();
            }
            super.finishData();
        }
    }

    /** A message whose Message-ID is ours: Jakarta Mail would otherwise replace it on saveChanges(). */
    private static final class IdentifiedMimeMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
