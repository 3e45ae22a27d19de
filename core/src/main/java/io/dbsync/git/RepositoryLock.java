package io.dbsync.git;

import io.dbsync.lock.LockFile;
import io.dbsync.lock.LockHeldException;
import io.dbsync.lock.LockInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An export's hold on a local repository for the whole run (review D3): .git/databricks-sync.lock,
 * so two exports never check out, write and commit in one work tree at once. Taking over the lock of
 * an export that died (kill -9) also removes the .git/index.lock it may have left while staging
 * (review D9); an index.lock with no dead export behind it belongs to some git command, and the
 * export stops with a message naming the file instead of failing later inside JGit.
 */
final class RepositoryLock implements AutoCloseable {
  static final String FILE = "databricks-sync.lock";
  static final String GIT_INDEX_LOCK = "index.lock";

  private final LockFile.Held held;
  private final List<String> notices;

  private RepositoryLock(LockFile.Held held, List<String> notices) {
    this.held = held;
    this.notices = notices;
  }

  static RepositoryLock take(Path gitDir, Path workTree, LockInfo holder) throws IOException, LockHeldException {
    LockFile.Held held = new LockFile(gitDir.resolve(FILE), "repository " + workTree).acquire(holder);
    List<String> notices = new ArrayList<>();
    held.replaced().ifPresent(dead -> notices.add("took over the repository lock of an export that is gone: " + dead.describe()));
    Path indexLock = gitDir.resolve(GIT_INDEX_LOCK);
    if (Files.exists(indexLock)) {
      if (held.replaced().isPresent()) {
        Files.deleteIfExists(indexLock);
        notices.add("removed " + indexLock + ", left by that export while it was staging");
      } else {
        held.close();
        throw new GitException("the repository is locked by git: " + indexLock + " exists (a git command is running,"
            + " or one was killed); remove that file if no git command is running in " + workTree);
      }
    }
    return new RepositoryLock(held, List.copyOf(notices));
  }

  List<String> notices() {
    return notices;
  }

  @Override
  public void close() {
    try {
      held.close();
    } catch (IOException e) {
      // the next export sees a lock whose holder is gone and takes it over
    }
  }
}
