package io.dbsync.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What {@code git gc --auto} does after a commit, for the local repository an export commits to: each
 * export adds a pack or up to 100 loose objects ({@link FolderStaging}) and nothing else repacks the
 * repository, so after many exports every object lookup walks dozens of packs. Past git's own limits,
 * read from the repository's config as git reads them ({@code gc.autoPackLimit}, default 50 packs;
 * {@code gc.auto}, default 6,700 loose objects, estimated from one of the 256 object folders as git
 * does; 0 turns either off), the repository is packed again, in the foreground.
 */
final class RepositoryUpkeep {
  static final int DEFAULT_PACK_LIMIT = 50;
  static final int DEFAULT_LOOSE_LIMIT = 6700;

  private RepositoryUpkeep() {}

  /** Whether the repository is past one of its gc limits. */
  static boolean needed(Repository repo) throws IOException {
    int packLimit = repo.getConfig().getInt("gc", "autopacklimit", DEFAULT_PACK_LIMIT);
    int looseLimit = repo.getConfig().getInt("gc", "auto", DEFAULT_LOOSE_LIMIT);
    Path objects = repo.getDirectory().toPath().resolve("objects");
    return (packLimit > 0 && count(objects.resolve("pack"), ".pack") > packLimit)
        || (looseLimit > 0 && count(objects.resolve("17"), "") * 256 > looseLimit);
  }

  /** Packs the repository when {@link #needed}; true when it did. */
  static boolean packIfNeeded(Git git) throws IOException, GitAPIException {
    if (!needed(git.getRepository())) {
      return false;
    }
    // JGit keeps the packs it replaced for an hour (gc.prunePackExpire), git's repack -d drops them
    // at once; kept, they would count against the limit and repack again on every export that hour.
    // Only this run's view of the config changes, the file is not written.
    git.getRepository().getConfig().setString("gc", null, "prunepackexpire", "now");
    git.gc().call();
    return true;
  }

  private static long count(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
