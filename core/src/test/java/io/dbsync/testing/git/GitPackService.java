package io.dbsync.testing.git;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server side of git's pack protocol over JGit's own UploadPack (fetch/clone) and ReceivePack
 * (push), for the test git servers: bare repositories under one root folder, looked up by the path of
 * the request ("/acme/dr.git", "acme/dr.git" and "'acme/dr.git'" name the same one).
 */
final class GitPackService {
  static final String UPLOAD = "git-upload-pack";
  static final String RECEIVE = "git-receive-pack";

  private final Path root;

  GitPackService(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The bare repository a request path names; IOException when it is outside the root or missing. */
  Repository open(String requestPath) throws IOException {
    String p = requestPath.strip().replace("'", "").replaceFirst("^/+", "");
    Path dir = root.resolve(p).normalize();
    if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
      throw new IOException("repository not found: " + requestPath);
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }

  static boolean isService(String name) {
    return UPLOAD.equals(name) || RECEIVE.equals(name);
  }

  /**
   * Runs one service on a stream pair: the whole conversation over SSH ({@code statelessRpc} false),
   * or one request of git's smart HTTP protocol ({@code statelessRpc} true).
   */
  static void serve(Repository repo, String service, InputStream in, OutputStream out, OutputStream err,
                    boolean statelessRpc) throws IOException {
    if (UPLOAD.equals(service)) {
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(!statelessRpc);
      up.upload(in, out, err);
    } else {
      ReceivePack rp = new ReceivePack(repo);
      rp.setBiDirectionalPipe(!statelessRpc);
      rp.receive(in, out, err);
    }
  }

  /** The smart HTTP "info/refs" answer: the service line, then the refs the service advertises. */
  static void advertise(Repository repo, String service, OutputStream out) throws IOException {
    PacketLineOut pck = new PacketLineOut(out);
    pck.writeString("# service=" + service + "\n");
    pck.end();
    RefAdvertiser.PacketLineOutRefAdvertiser adv = new RefAdvertiser.PacketLineOutRefAdvertiser(pck);
    if (UPLOAD.equals(service)) {
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(false);
      up.sendAdvertisedRefs(adv);
    } else {
      ReceivePack rp = new ReceivePack(repo);
      rp.setBiDirectionalPipe(false);
      rp.sendAdvertisedRefs(adv);
    }
    out.flush();
  }
}
