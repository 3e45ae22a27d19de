package io.dbsync.git;

import io.dbsync.tf.config.RevisionFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One revision of an export repository (local path, SSH or HTTPS URL), for import: a commit id (full
 * or abbreviated), a tag, or a branch; without one, the head of {@code branch} (or of the default
 * branch). The revision is read from the git objects ({@link #files()}), never checked out: any
 * revision imports the same way whatever the repository's HEAD or work tree holds (rolling back to
 * an older export tag is the disaster-recovery case). A local repository is read in place; a remote
 * is cloned bare into a temp folder, which closing deletes.
 */
public final class RevisionCheckout implements AutoCloseable {
  private final Git git;
  private final Path tempClone;
  private final RevCommit commit;
  private final GitRevisionFiles files;

  private RevisionCheckout(Git git, Path tempClone, RevCommit commit) {
    this.git = git;
    this.tempClone = tempClone;
    this.commit = commit;
    // path.module of a revision: a name for it, not a folder that exists
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "dbsync-revision-" + commit.name(), "exports")
        .toAbsolutePath().normalize();
    this.files = new GitRevisionFiles(git.getRepository(), commit, root);
  }

  public static RevisionCheckout of(GitTarget target, String branch, String revision, SshAuth auth) {
    Path tmp = null;
    Git git = null;
    try {
      switch (target) {
        case GitTarget.Ssh ssh -> {
          tmp = Files.createTempDirectory("dbsync-import-");
          git = TempClone.of(ssh.url(), tmp, true, auth != null ? auth : SshAuth.of(null, null)).git();
        }
        case GitTarget.Https https -> {
          tmp = Files.createTempDirectory("dbsync-import-");
          git = TempClone.of(https.url(), tmp, true, https.credentials()).git();
        }
        case GitTarget.Local local -> {
          Path p = local.path().toAbsolutePath().normalize();
          if (!Files.isDirectory(p.resolve(".git")) && !Files.isRegularFile(p.resolve("HEAD"))) {
            throw new GitException(p + " is not a git repository");
          }
          git = Git.open(p.toFile());
        }
      }
      Repository repo = git.getRepository();
      ObjectId id = resolve(repo, branch, revision);
      if (id == null) {
        throw new GitException(revision != null ? "revision not found in " + target.describe() + ": " + revision
            : branch != null ? "branch not found in " + target.describe() + ": " + branch
            : target.describe() + " has no commits yet: export first");
      }
      RevCommit commit;
      try (RevWalk walk = new RevWalk(repo)) {
        commit = walk.parseCommit(id);
      }
      return new RevisionCheckout(git, tmp, commit);
    } catch (GitAPIException | IOException e) {
      close(git, tmp);
      throw target instanceof GitTarget.Local ? new GitException("cannot read " + target.describe() + ": " + e.getMessage(), e)
          : GitErrors.remote("cannot clone", target, e);
    } catch (RuntimeException e) {
      close(git, tmp);
      throw e;
    }
  }

  /**
   * The commit a user revision (tag, branch, commit; "^{commit}" peels tags) or the branch names; a
   * cloned remote has its branches under refs/remotes/origin/ (bare clones: refs/heads/).
   */
  private static ObjectId resolve(Repository repo, String branch, String revision) throws IOException {
    List<String> candidates = revision != null
        ? List.of(revision, "refs/tags/" + revision, "refs/heads/" + revision, "refs/remotes/origin/" + revision)
        : branch != null ? List.of("refs/heads/" + branch, "refs/remotes/origin/" + branch)
        : List.of("HEAD");
    for (String candidate : candidates) {
      try {
        ObjectId id = repo.resolve(candidate + "^{commit}");
        if (id != null) {
          return id;
        }
      } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException
               | MissingObjectException e) {
        // try the next reading of the revision
      }
    }
    return null;
  }

  /** The files of the revision's exports/ folder, read from the git objects. */
  public RevisionFiles files() {
    return files;
  }

  public String commitId() {
    return commit.name();
  }

  @Override
  public void close() {
    close(git, tempClone);
  }

  private static void close(Git git, Path tmp) {
    if (git != null) {
      git.close();
    }
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
      } catch (IOException ignored) {
        // best effort: a temp folder
      }
    }
  }
}
