package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A read-only checkout of one revision of an export repository (local path, SSH or HTTPS URL) in a temp
 * folder, for import. The revision is a commit id (full or abbreviated), a tag, or a branch; without
 * one, the head of {@code branch} (or of the default branch). Closing deletes the folder.
 */
public final class RevisionCheckout implements AutoCloseable {
  private final Path dir;
  private final String commitId;

  private RevisionCheckout(Path dir, String commitId) {
    this.dir = dir;
    this.commitId = commitId;
  }

  public static RevisionCheckout of(GitTarget target, String branch, String revision, SshAuth auth) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("dbsync-import-");
    } catch (IOException e) {
      throw new GitException("cannot create a temp folder for the checkout: " + e.getMessage(), e);
    }
    String uri = switch (target) {
      case GitTarget.Ssh ssh -> ssh.url();
      case GitTarget.Https https -> https.url();
      case GitTarget.Local local -> {
        Path p = local.path().toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve(".git")) && !Files.isRegularFile(p.resolve("HEAD"))) {
          deleteQuietly(tmp);
          throw new GitException(p + " is not a git repository");
        }
        yield p.toUri().toString();
      }
    };
    try {
      var clone = Git.cloneRepository().setURI(uri).setDirectory(tmp.toFile()).setCloneAllBranches(true).setNoCheckout(true);
      if (target instanceof GitTarget.Ssh) {
        clone.setTransportConfigCallback(auth != null ? auth : SshAuth.of(null, null));
      } else if (target instanceof GitTarget.Https https && https.credentials() != null) {
        clone.setTransportConfigCallback(https.credentials());
      }
      try (Git git = clone.call()) {
        Repository repo = git.getRepository();
        String wanted = revision != null ? revision : branch != null ? "refs/remotes/origin/" + branch : "HEAD";
        ObjectId id = resolve(repo, wanted, revision != null);
        if (id == null) {
          throw new GitException(revision != null ? "revision not found in " + target.describe() + ": " + revision
              : branch != null ? "branch not found in " + target.describe() + ": " + branch
              : target.describe() + " has no commits yet: export first");
        }
        // a hard reset fills the empty work tree of the no-checkout clone; a checkout of any revision
        // but the head would see the empty index as conflicting with every file
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(id.name()).call();
        return new RevisionCheckout(tmp, id.name());
      }
    } catch (GitAPIException | IOException e) {
      deleteQuietly(tmp);
      throw target instanceof GitTarget.Local ? new GitException("cannot check out " + target.describe() + ": " + e.getMessage(), e)
          : GitErrors.remote("cannot clone", target, e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** A user revision may name a tag, a remote branch or a commit; "^{commit}" peels tags. */
  private static ObjectId resolve(Repository repo, String wanted, boolean userRevision) throws IOException {
    if (!userRevision) {
      return repo.resolve(wanted + "^{commit}");
    }
    for (String candidate : new String[] {wanted, "refs/tags/" + wanted, "refs/remotes/origin/" + wanted}) {
      try {
        ObjectId id = repo.resolve(candidate + "^{commit}");
        if (id != null) {
          return id;
        }
      } catch (RevisionSyntaxException | AmbiguousObjectException e) {
        // try the next reading of the revision
      }
    }
    return null;
  }

  /** The root of the checked-out work tree. */
  public Path workTree() {
    return dir;
  }

  /** The exports/ folder of the revision. */
  public Path exportsDir() {
    return dir.resolve("exports");
  }

  public String commitId() {
    return commitId;
  }

  @Override
  public void close() {
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp folder
    }
  }
}
