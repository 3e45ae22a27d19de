package io.dbsync.git;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SSH key authentication for JGit (Apache MINA sshd): keys from an SSH directory (default ~/.ssh:
 * id_ed25519, id_ecdsa, id_rsa... and its config) or one explicit private key file (-k KEY). Server
 * host keys are checked against known_hosts in that directory, as OpenSSH does.
 */
public final class SshAuth implements TransportConfigCallback, AutoCloseable {
  private final SshdSessionFactory factory;

  private SshAuth(SshdSessionFactory factory) {
    this.factory = factory;
  }

  /**
   * @param sshDirectory folder with keys, config and known_hosts; null for ~/.ssh
   * @param keyFile      an explicit private key (unencrypted); null to use the directory's default keys
   */
  public static SshAuth of(Path sshDirectory, Path keyFile) {
    File home = new File(System.getProperty("user.home"));
    File sshDir = sshDirectory != null ? sshDirectory.toFile() : new File(home, ".ssh");
    if (keyFile != null && !Files.isReadable(keyFile)) {
      throw new IllegalArgumentException("SSH key file not readable: " + keyFile);
    }
    SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(sshDir)
        .setPreferredAuthentications("publickey");
    if (keyFile != null) {
      Path key = keyFile.toAbsolutePath();
      b.setDefaultIdentities(dir -> List.of(key));
    }
    return new SshAuth(b.build(null));
  }

  @Override
  public void configure(Transport transport) {
    if (transport instanceof SshTransport ssh) {
      ssh.setSshSessionFactory(factory);
    }
  }

  @Override
  public void close() {
    factory.close();
  }
}
