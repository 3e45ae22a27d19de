package io.dbsync.git;

import io.dbsync.tf.config.RevisionFiles;
import io.dbsync.tf.config.RevisionPaths;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exports/ tree of one commit, read from the git objects: no work tree is built, so any commit,
 * tag or branch reads the same way whatever HEAD is, and nothing on disk can stand in for a file.
 * The tree's entries (path, blob id, mode) are indexed once; blobs are streamed when asked for, never
 * held. A symbolic link or submodule entry is an error naming its path.
 */
final class GitRevisionFiles implements RevisionFiles {
  private static final String EXPORTS = "exports";

  private record Entry(ObjectId id, FileMode mode) {}

  private final Repository repo;
  private final RevCommit commit;
  private final Path root;
  private Map<String, Entry> entries;

  GitRevisionFiles(Repository repo, RevCommit commit, Path root) {
    this.repo = repo;
    this.commit = commit;
    this.root = root;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> configFiles() throws IOException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries().entrySet()) {
      String path = e.getKey();
      if (path.endsWith(".tf.json") && path.split("/").length <= 2 && isFile(path)) {
        out.add(path);
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public boolean isFile(String path) throws IOException {
    Entry e = entries().get(RevisionPaths.check(path, path));
    if (e == null) {
      return false;
    }
    if (e.mode() == FileMode.SYMLINK) {
      throw new IOException(EXPORTS + "/" + path + " is a symbolic link in commit " + commit.abbreviate(12).name()
          + ": refused (links are never followed)");
    }
    if (e.mode() == FileMode.GITLINK) {
      throw new IOException(EXPORTS + "/" + path + " is a submodule in commit " + commit.abbreviate(12).name() + ": refused");
    }
    return e.mode() == FileMode.REGULAR_FILE || e.mode() == FileMode.EXECUTABLE_FILE;
  }

  @Override
  public InputStream open(String path) throws IOException {
    return repo.open(blob(path), Constants.OBJ_BLOB).openStream();
  }

  @Override
  public long size(String path) throws IOException {
    return repo.open(blob(path), Constants.OBJ_BLOB).getSize();
  }

  private ObjectId blob(String path) throws IOException {
    if (!isFile(path)) {
      throw new NoSuchFileException(EXPORTS + "/" + path, null, "not a file in commit " + commit.abbreviate(12).name());
    }
    return entries().get(path).id();
  }

  /** Every entry under exports/ (relative path -> blob and mode), read in one walk of the tree. */
  private synchronized Map<String, Entry> entries() throws IOException {
    if (entries == null) {
      Map<String, Entry> out = new HashMap<>();
      try (TreeWalk walk = new TreeWalk(repo)) {
        walk.addTree(commit.getTree());
        walk.setRecursive(true);
        walk.setFilter(PathFilter.create(EXPORTS));
        String prefix = EXPORTS + "/";
        while (walk.next()) {
          String path = walk.getPathString();
          if (path.startsWith(prefix)) {
            out.put(path.substring(prefix.length()), new Entry(walk.getObjectId(0), walk.getFileMode(0)));
          }
        }
      }
      entries = out;
    }
    return entries;
  }
}
