package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SMTP server on a free loopback port: Debian's python3-aiosmtpd running evacuation/smtp_server.py. Missing
 * python3-aiosmtpd fails the test (it is in the lab's Debian package list). {@link #messages()}: what it delivered.
 */
final class SmtpTestServer implements AutoCloseable {

    final int port;
    final Path mailbox;
    private final Process process;
    private final Path log;

    SmtpTestServer(Path dir, String... options) throws Exception {
        String python = python();
        Path script = dir.resolve("smtp_server.py");
        try (InputStream in = SmtpTestServer.class.getResourceAsStream("/evacuation/smtp_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        mailbox = Files.createDirectories(dir.resolve("mailbox-" + System.nanoTime()));
        log = dir.resolve("smtp-server-" + System.nanoTime() + ".log");
        port = freePort();
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--port", String.valueOf(port),
                "--dir", mailbox.toString()));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).completeOnTimeout(null, 20, TimeUnit.SECONDS).get();
        if (!"READY".equals(ready)) {
            close();
            fail("the aiosmtpd test server did not start: " + Files.readString(log));
        }
    }

    /** Debian's python3 (a pyenv or venv python3 first on PATH may not see Debian's aiosmtpd). */
    static String python() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import aiosmtpd.controller")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: the next candidate
            }
        }
        return fail("no python3 with aiosmtpd: install Debian's python3-aiosmtpd (apt-get install -y "
                + "python3-aiosmtpd; lab/lib/packages.sh lists it) to run the SMTP tests");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The delivered messages in order, as the server's email package read them. */
    List<JsonNode> messages() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(mailbox)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList()) {
                all.add(Json.parse(Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    private static int number(Path f) {
        String name = f.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the script stops when its stdin closes
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
