package io.dbsync.testing.git;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * A git server over SSH on loopback (Apache MINA sshd running JGit's pack services), for tests: bare
 * repositories under a root folder, public-key authentication for one user key. Host and user keys
 * are generated per server; clients trust the host through a known_hosts line ({@link #knownHostsLine}).
 */
public final class SshGitServer implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;
  private final KeyPair userKey;

  private SshGitServer(SshServer server, KeyPair hostKey, KeyPair userKey) {
    this.server = server;
    this.hostKey = hostKey;
    this.userKey = userKey;
  }

  /** Serves the bare repositories under {@code root} to whoever holds {@link #writeUserKey the user key}. */
  public static SshGitServer start(Path root) throws IOException, GeneralSecurityException {
    KeyPair host = ecKey();
    KeyPair user = ecKey();
    GitPackService repos = new GitPackService(root);
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(host));
    server.setPublickeyAuthenticator((name, key, session) -> KeyUtils.compareKeys(key, user.getPublic()));
    server.setCommandFactory((channel, command) -> new PackCommand(repos, command));
    server.start();
    return new SshGitServer(server, host, user);
  }

  public static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  /** Writes {@code key} as an unencrypted OpenSSH private key file. */
  public static void writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "dbsync-test", null, out);
    }
  }

  /** Writes the key the server accepts to {@code file}. */
  public void writeUserKey(Path file) throws IOException, GeneralSecurityException {
    writePrivateKey(userKey, file);
  }

  public int port() {
    return server.getPort();
  }

  /** ssh://git@127.0.0.1:PORT/ + {@code repoPath}. */
  public String url(String repoPath) {
    return "ssh://git@127.0.0.1:" + port() + "/" + repoPath;
  }

  /** A known_hosts line that trusts this server under {@code hostPattern} (e.g. "[127.0.0.1]:PORT"). */
  public String knownHostsLine(String hostPattern) {
    return hostPattern + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** One "git-upload-pack 'path'" or "git-receive-pack 'path'" exec request. */
  private static final class PackCommand implements Command {
    private final GitPackService repos;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    PackCommand(GitPackService repos, String command) {
      this.repos = repos;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t = new Thread(this::run, "ssh-git " + command);
      t.setDaemon(true);
      t.start();
    }

    private void run() {
      String[] parts = command.strip().split("\\s+", 2);
      if (parts.length < 2 || !GitPackService.isService(parts[0])) {
        fail("unsupported command: " + command);
        return;
      }
      try (Repository repo = repos.open(parts[1])) {
        GitPackService.serve(repo, parts[0], in, out, err, false);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        fail(e.getMessage());
      }
    }

    private void fail(String message) {
      try {
        err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException ignored) {
        // the client is gone; the exit status is all that is left to send
      }
      exit.onExit(1, message);
    }

    @Override
    public void destroy(ChannelSession channel) {
      // the pack service ends when its streams close
    }
  }
}
