package com.shopifyjoorsync.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL for the tests, from the zonky binaries on the test classpath: no system package.
 * Started once per JVM on a free loopback port, a fresh database per {@link #newDatabase()}, stopped at
 * JVM exit. initdb and postgres refuse to run as root, which CI and these machines are: then they run
 * as nobody (uid 65534, through setpriv) on a data directory nobody owns. If it cannot start, every
 * caller fails with the reason: a PostgreSQL test is never skipped.
 */
public final class TestPostgres {
    /** The owner of every test database: an ordinary role, as a deployment would use. */
    public static final String USER = "sjs";
    public static final String PASSWORD = "sjs-test";

    private static final String SUPERUSER_PASSWORD = "postgres-test";
    private static final int NOBODY = 65534;
    private static final long UID = new UnixSystem().getUid();
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "sjs-test-postgres-" + UID);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Server server;
    private static RuntimeException failure;

    private TestPostgres() {
    }

    /** A JDBC URL of a new, empty database owned by {@link #USER}. */
    public static String newDatabase() {
        Server running = server();
        String name = "sjs_test_" + DATABASES.incrementAndGet();
        try (Connection c = running.superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return running.url(name);
    }

    private static synchronized Server server() {
        if (failure != null) {
            throw failure;
        }
        if (server == null) {
            try {
                server = Server.start();
            } catch (Exception e) {
                failure = new IllegalStateException("The PostgreSQL for the tests did not start"
                        + (UID == 0 ? " (as root, initdb and postgres run as uid " + NOBODY + " through setpriv)" : "")
                        + ": " + e.getMessage(), e);
                throw failure;
            }
        }
        return server;
    }

    private record Server(Path bin, Path run, Process process, int port, boolean asNobody) {
        static Server start() throws Exception {
            boolean root = UID == 0;
            Files.createDirectories(ROOT);
            readableByAll(ROOT);
            stopLeftovers(root);
            Path bin = binaries();

            Path run = ROOT.resolve("run-" + ProcessHandle.current().pid());
            deleteTree(run);
            Path data = Files.createDirectories(run.resolve("data"));
            readableByAll(run);
            Path passwordFile = Files.writeString(run.resolve("superuser-password"), SUPERUSER_PASSWORD);
            if (root) {
                Files.setAttribute(data, "unix:uid", NOBODY);
                Files.setAttribute(data, "unix:gid", NOBODY);
                Files.setAttribute(passwordFile, "unix:uid", NOBODY);
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            exec(root, run.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", "postgres", "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8",
                    "--locale=C", "--no-sync");

            // a port may be taken between choosing and binding it: a few tries
            String lastLog = "";
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Path log = run.resolve("postgres-" + port + ".log");
                Process process = launch(root, log, bin.resolve("postgres").toString(), "-D", data.toString(),
                        "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                        "-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off");
                Server started = new Server(bin, run, process, port, root);
                if (started.awaitReady()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-postgres"));
                    try (Connection c = started.superuser(); Statement s = c.createStatement()) {
                        s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                    }
                    return started;
                }
                lastLog = Files.readString(log, StandardCharsets.UTF_8);
                if (!lastLog.contains("could not bind") && !lastLog.contains("could not create any TCP/IP")) {
                    break;
                }
            }
            throw new IllegalStateException("postgres did not accept connections; its log:\n" + lastLog);
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        Connection superuser() throws SQLException {
            return DriverManager.getConnection(url("postgres"), "postgres", SUPERUSER_PASSWORD);
        }

        private boolean awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return false;
                }
                try (Connection c = superuser()) {
                    return true;
                } catch (SQLException notYet) {
                    Thread.sleep(50);
                }
            }
            stopProcess();
            return false;
        }

        void stop() {
            stopProcess();
            deleteTree(run);
        }

        /** An immediate stop of this JVM's postgres only: pg_ctl finds it by its data directory. */
        private void stopProcess() {
            if (process.isAlive()) {
                try {
                    exec(asNobody, run.resolve("pg_ctl-stop.log"), bin.resolve("pg_ctl").toString(), "stop",
                            "-D", run.resolve("data").toString(), "-m", "immediate", "-w", "-t", "30");
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            }
        }

        private static boolean postmasterAlive(Path pidFile) {
            try {
                String first = Files.readAllLines(pidFile).get(0).trim();
                return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }

        /** Run directories of JVMs gone without their shutdown hook (kill -9): their postgres goes too. */
        private static void stopLeftovers(boolean root) throws IOException {
            try (DirectoryStream<Path> runs = Files.newDirectoryStream(ROOT, "run-*")) {
                for (Path run : runs) {
                    String jvm = run.getFileName().toString().substring("run-".length());
                    if (!jvm.matches("[0-9]{1,18}") || ProcessHandle.of(Long.parseLong(jvm)).isPresent()) {
                        continue;
                    }
                    Path data = run.resolve("data");
                    Path pid = data.resolve("postmaster.pid");
                    if (Files.exists(pid)) {
                        try (DirectoryStream<Path> bins = Files.newDirectoryStream(ROOT, "bin-*")) {
                            for (Path bin : bins) {
                                try {
                                    exec(root, run.resolve("pg_ctl-stop.log"), bin.resolve("bin/pg_ctl").toString(),
                                            "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30");
                                    break;
                                } catch (Exception notStopped) {
                                    // a stale postmaster.pid, or binaries of another version: looked at below
                                }
                            }
                        }
                        if (postmasterAlive(pid)) {
                            continue; // never delete the data of a running postgres
                        }
                    }
                    deleteTree(run);
                }
            }
        }
    }

    /**
     * The binaries of the zonky jar, extracted once into a directory named by their hash (every user
     * may read and run them); a JVM extracting beside another loses the rename and uses the other's.
     */
    private static Path binaries() throws Exception {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            archive = in.readAllBytes();
        }
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
        Path target = ROOT.resolve("bin-" + hash);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target.resolve("bin");
        }
        Path partial = Files.createTempDirectory(ROOT, "extracting-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = partial.resolve(entry.getName()).normalize();
                if (!path.startsWith(partial)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0
                            ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        try (Stream<Path> all = Files.walk(partial)) {
            for (Path p : all.filter(Files::isDirectory).toList()) {
                readableByAll(p);
            }
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException otherJvmWon) {
            deleteTree(partial);
        }
        return target.resolve("bin");
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
    }

    private static void readableByAll(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The command as nobody when this JVM is root (initdb and postgres refuse root). */
    private static List<String> command(boolean asNobody, String... command) {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static Process launch(boolean asNobody, Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(asNobody, command)).directory(log.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LC_ALL", "C");
        return builder.start();
    }

    private static void exec(boolean asNobody, Path log, String... command) throws Exception {
        Process process = launch(asNobody, log, command);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command(asNobody, command)) + " exited "
                    + process.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover in the temporary directory: the next JVM's sweep tries again
        }
    }
}
