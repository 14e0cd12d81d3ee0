package io.kolladoctor.deployment.live.host;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.1 response from a byte stream (what {@code docker system dial-stdio} relays from the engine): the
 * status line, the headers, and a body stream that undoes chunked transfer coding or stops at Content-Length.
 */
final class HttpResponseReader {

    private static final int MAX_HEAD = 64 * 1024;

    private HttpResponseReader() {
    }

    /** Status and headers (names as sent; look them up case-insensitively with {@link #header}). */
    record Head(int status, String reason, Map<String, List<String>> headers) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The response head, or null when the stream ended before any byte of it. */
    static Head readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: '" + abbreviate(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: '" + abbreviate(statusLine) + "'");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = statusLine.length();
        while (true) {
            String header = line(in);
            if (header == null) {
                throw new EOFException("HTTP response ended inside its headers");
            }
            if (header.isEmpty()) {
                break;
            }
            total += header.length();
            if (total > MAX_HEAD) {
                throw new IOException("HTTP response headers larger than " + MAX_HEAD + " bytes");
            }
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(header.substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).strip());
            }
        }
        return new Head(status, parts.length > 2 ? parts[2] : "", headers);
    }

    /** The body of a response with {@code head}, read from {@code in} (positioned after the head). */
    static InputStream body(Head head, InputStream in) throws IOException {
        String encoding = head.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked(in);
        }
        String length = head.header("Content-Length");
        if (length != null) {
            try {
                return new Limited(in, Long.parseLong(length.strip()));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: '" + abbreviate(length) + "'");
            }
        }
        return in;
    }

    /** A CRLF- (or LF-) terminated line as ISO-8859-1; null at EOF before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (bytes.size() >= MAX_HEAD) {
                throw new IOException("HTTP line longer than " + MAX_HEAD + " bytes");
            }
            bytes.write(c);
        }
        if (!any) {
            return null;
        }
        String s = bytes.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** Exactly {@code length} bytes, then EOF. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("HTTP body ended " + left + " bytes early");
            }
            left -= n;
            return n;
        }
    }

    /** Chunked transfer coding (RFC 9112 §7.1): size line, data, CRLF … a zero size, trailers, empty line. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size == null) {
                    throw new EOFException("HTTP body ended inside its chunked coding");
                }
                int semicolon = size.indexOf(';');
                String hex = (semicolon >= 0 ? size.substring(0, semicolon) : size).strip();
                try {
                    left = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: '" + abbreviate(size) + "'");
                }
                if (left < 0) {
                    throw new IOException("bad chunk size: '" + abbreviate(size) + "'");
                }
                if (left == 0) {
                    String trailer;
                    do {
                        trailer = line(in);
                    } while (trailer != null && !trailer.isEmpty());
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("HTTP body ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                String crlf = line(in);
                if (crlf == null || !crlf.isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
            return n;
        }
    }
}
