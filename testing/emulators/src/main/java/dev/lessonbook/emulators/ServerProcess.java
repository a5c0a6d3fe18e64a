package dev.lessonbook.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One local server process on a loopback port, stopped by PID together with its children. */
public final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code python <bundled script> --port N} from the venv and waits until it accepts connections. */
    static ServerProcess startPythonScript(String name, Path venv, String script, Duration startupDeadline) {
        int port = freePort();
        try {
            Path scriptFile = Files.createTempFile("lessonbook-" + name + "-", ".py");
            scriptFile.toFile().deleteOnExit();
            try (InputStream in = ServerProcess.class.getResourceAsStream(script)) {
                if (in == null) {
                    throw new IllegalStateException("Missing bundled script " + script);
                }
                Files.copy(in, scriptFile, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = Files.createTempFile("lessonbook-" + name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    venv.resolve("bin/python").toString(), scriptFile.toString(), "--port", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PYTHONUNBUFFERED", "1");
            ServerProcess server = new ServerProcess(name, builder.start(), port, log);
            server.awaitListening(startupDeadline);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitListening(Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("Interrupted while starting " + name, e);
                }
            }
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + deadline + ": " + tail());
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
