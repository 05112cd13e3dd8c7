package com.shopifyjoorsync.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback, rooted in a folder of the test, with one user.
 * It records every file opened for writing and every rename, and can refuse logins or drop the
 * connection while a file is written or right after a rename, as a flaky drop server would.
 */
final class SftpTestServer implements AutoCloseable {
    static final String USER = "joor-brand";

    final Path root;
    final String password;
    private final SshServer server;
    /** Paths (relative to the root) opened for writing, in order. */
    final List<String> writtenTo = new CopyOnWriteArrayList<>();
    /** Renames, "from -> to" (relative to the root), in order. */
    final List<String> renames = new CopyOnWriteArrayList<>();
    /** Connections opened (a client may try a password several times on one). */
    final AtomicInteger connections = new AtomicInteger();
    private volatile boolean refuseLogins;
    private final AtomicInteger dropWhileWriting = new AtomicInteger();
    private final AtomicInteger dropAfterRename = new AtomicInteger();

    SftpTestServer(Path root, String password) throws IOException {
        this.root = root;
        this.password = password;
        Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider()); // in memory: no key file
        server.setPasswordAuthenticator((user, pass, session) -> !refuseLogins && USER.equals(user)
                && password.equals(pass));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
            }
        });
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new Faults());
        server.setSubsystemFactories(List.of(sftp));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** The endpoint URI the sync is pointed at (its password comes from data-services.password). */
    String uri(String folder) {
        return "sftp://" + USER + "@127.0.0.1:" + port() + "/" + folder + "?useUserKnownHostsFile=false";
    }

    void refuseLogins(boolean refuse) {
        refuseLogins = refuse;
    }

    /** The next {@code times} uploads lose their connection after their first block is written. */
    void dropWhileWriting(int times) {
        dropWhileWriting.set(times);
    }

    /** The next {@code times} renames succeed, then the connection drops before the client hears so. */
    void dropAfterRename(int times) {
        dropAfterRename.set(times);
    }

    /** Regular files under the folder, sorted, the temporary ones included. */
    List<Path> files(String folder) {
        try {
            return SandboxHarness.list(root.resolve(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path remote) {
        // the SFTP subsystem hands over paths of the virtual file system (rooted at "/")
        return remote.toString().replaceFirst("^/", "");
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class Faults implements SftpEventListener {
        @Override
        public void open(ServerSession session, String remoteHandle, Handle localHandle) {
            if (localHandle instanceof FileHandle file && file.getOpenOptions().stream()
                    .anyMatch(o -> o.toString().equals("WRITE"))) {
                writtenTo.add(relative(file.getFile()));
            }
        }

        @Override
        public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                byte[] data, int dataOffset, int dataLen, Throwable thrown) {
            if (thrown == null && dropWhileWriting.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                session.close(true);
            }
        }

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                Throwable thrown) {
            if (thrown != null) {
                return;
            }
            renames.add(relative(srcPath) + " -> " + relative(dstPath));
            if (dropAfterRename.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                session.close(true);
            }
        }
    }
}
