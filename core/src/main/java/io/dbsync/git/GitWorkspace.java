package io.dbsync.git;

import io.dbsync.lock.LockHeldException;
import io.dbsync.lock.LockInfo;
import org.eclipse.jgit.api.CreateBranchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A checked-out work tree of the export repository on the export branch.
 *
 * <ul>
 *   <li>Local path, real run: the repository itself (initialised when the folder is new or empty);
 *       the branch is checked out (created when missing).</li>
 *   <li>Local path, dry run: a temporary clone, so the user's repository and work tree are not touched.</li>
 *   <li>SSH or HTTPS URL: a temporary clone (key or token auth); commits and the tag are pushed back.</li>
 * </ul>
 */
public final class GitWorkspace implements AutoCloseable {
  public static final String DEFAULT_BRANCH = "main";
  private static final DateTimeFormatter TAG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Git git;
  private final Path workTree;
  private final Path tempDir;
  private final String branch;
  private final GitTarget target;
  private final TransportConfigCallback auth;
  /** The export's lock on a local repository (null for temporary clones). */
  private RepositoryLock lock;

  private GitWorkspace(Git git, Path workTree, Path tempDir, String branch, GitTarget target, TransportConfigCallback auth) {
    this.git = git;
    this.workTree = workTree;
    this.tempDir = tempDir;
    this.branch = branch;
    this.target = target;
    this.auth = auth;
  }

  /**
   * The outcome of {@link #commit}: the commit and its tag; {@code upkeepNotice} says why packing the repository afterwards failed
   * (null when it did not: see {@link RepositoryUpkeep}).
   */
  public record Committed(String commitId, String tag, String upkeepNotice) {}

  /**
   * Opens the target on {@code branch} (null: the repository's current/default branch).
   * {@code auth} is used for SSH targets only (null: ~/.ssh defaults); an HTTPS target brings its own credentials.
   */
  public static GitWorkspace open(GitTarget target, String branch, boolean dryRun, SshAuth auth) throws LockHeldException {
    return open(target, branch, dryRun, auth, LockInfo.forThisProcess(defaultWho(), "export"));
  }

  /**
   * As {@link #open(GitTarget, String, boolean, SshAuth)}; a local repository (not a dry run) is
   * locked for {@code holder} until {@link #close} (.git/databricks-sync.lock, review D3).
   *
   * @throws LockHeldException another export holds the repository
   */
  public static GitWorkspace open(GitTarget target, String branch, boolean dryRun, SshAuth auth, LockInfo holder)
      throws LockHeldException {
    if (branch != null && !Repository.isValidRefName(Constants.R_HEADS + branch)) {
      throw GitException.badInput("invalid branch name: " + branch);
    }
    try {
      return switch (target) {
        case GitTarget.Ssh ssh -> cloneInto(ssh.url(), branch, ssh, auth != null ? auth : SshAuth.of(null, null));
        case GitTarget.Https https -> cloneInto(https.url(), branch, https, https.credentials());
        case GitTarget.Local local -> dryRun ? openLocalDry(local.path(), branch) : openLocal(local.path(), branch, holder);
      };
    } catch (LockHeldException e) {
      throw e;
    } catch (GitAPIException | IOException e) {
      throw target instanceof GitTarget.Local ? new GitException("cannot open " + target.describe() + ": " + e.getMessage(), e)
          : GitErrors.remote("cannot clone", target, e);
    }
  }

  private static String defaultWho() {
    return System.getProperty("user.name", "unknown") + "@" + LockInfo.thisHost();
  }

  private static GitWorkspace openLocal(Path path, String branch, LockInfo holder)
      throws IOException, GitAPIException, LockHeldException {
    Path dir = path.toAbsolutePath().normalize();
    if (Files.isRegularFile(dir)) {
      throw GitException.badInput(path + " is a file, not a folder: give an empty folder or a git repository");
    }
    Git git;
    if (Files.exists(dir.resolve(".git"))) {
      git = Git.open(dir.toFile());
    } else if (!Files.exists(dir) || isEmptyDir(dir)) {
      Files.createDirectories(dir);
      git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch != null ? branch : DEFAULT_BRANCH).call();
    } else {
      throw GitException.badInput(dir + " is not a git repository and not empty; give an empty folder or a repository");
    }
    RepositoryLock lock;
    try {
      lock = RepositoryLock.take(git.getRepository().getDirectory().toPath(), dir, holder);
    } catch (IOException | RuntimeException e) {
      git.close();
      throw e;
    }
    String b;
    try {
      b = branch != null ? branch : currentBranch(git.getRepository());
      checkoutBranch(git, b);
    } catch (GitAPIException | IOException | RuntimeException e) {
      git.close();
      lock.close();
      throw e;
    }
    GitWorkspace ws = new GitWorkspace(git, dir, null, b, null, null);
    ws.lock = lock;
    return ws;
  }

  /** What opening the repository had to clean up (a stale lock taken over, a git index lock removed). */
  public List<String> notices() {
    return lock == null ? List.of() : lock.notices();
  }

  private static GitWorkspace openLocalDry(Path path, String branch) throws IOException, GitAPIException {
    Path dir = path.toAbsolutePath().normalize();
    if (Files.exists(dir.resolve(".git"))) {
      String b = branch;
      if (b == null) {
        try (Git src = Git.open(dir.toFile())) {
          b = currentBranch(src.getRepository());
        }
      }
      return cloneInto(dir.toUri().toString(), b, null, null);
    }
    if (Files.exists(dir) && !isEmptyDir(dir)) {
      throw GitException.badInput(dir + " is not a git repository and not empty; give an empty folder or a repository");
    }
    Path tmp = Files.createTempDirectory("dbsync-export-");
    String b = branch != null ? branch : DEFAULT_BRANCH;
    Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch(b).call();
    return new GitWorkspace(git, tmp, tmp, b, null, null);
  }

  /** A temporary clone of {@code uri}; {@code remote} is where commits are pushed (null: nowhere, a dry run's copy). */
  private static GitWorkspace cloneInto(String uri, String branch, GitTarget remote, TransportConfigCallback auth)
      throws IOException, GitAPIException {
    Path tmp = Files.createTempDirectory("dbsync-export-");
    TempClone.Cloned cloned;
    try {
      cloned = TempClone.of(uri, tmp, false, auth);
    } catch (GitAPIException | IOException | RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    Git git = cloned.git();
    String b = branch != null ? branch : cloned.defaultBranch() != null ? cloned.defaultBranch() : DEFAULT_BRANCH;
    try {
      if (cloned.defaultBranch() != null) {
        checkoutBranch(git, cloned.defaultBranch()); // as a clone: a new branch starts from the default one
      }
      checkoutBranch(git, b);
    } catch (GitAPIException | IOException | RuntimeException e) {
      git.close();
      deleteQuietly(tmp);
      throw e;
    }
    return new GitWorkspace(git, tmp, tmp, b, remote, auth);
  }

  private static String currentBranch(Repository repo) throws IOException {
    String full = repo.getFullBranch();
    if (full == null || !full.startsWith(Constants.R_HEADS)) {
      throw GitException.badInput("HEAD of " + repo.getWorkTree() + " is detached; name the branch to export to");
    }
    return full.substring(Constants.R_HEADS.length());
  }

  /** Checks out {@code branch}: the local one, else one tracking origin/branch, else a new one from HEAD. */
  private static void checkoutBranch(Git git, String branch) throws IOException, GitAPIException {
    Repository repo = git.getRepository();
    if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
      throw GitException.badInput("invalid branch name: " + branch);
    }
    String current = repo.getFullBranch();
    boolean localExists = repo.exactRef(Constants.R_HEADS + branch) != null;
    if (localExists) {
      if (!(Constants.R_HEADS + branch).equals(current)) {
        git.checkout().setName(branch).call();
      }
      return;
    }
    if (repo.exactRef(Constants.R_REMOTES + "origin/" + branch) != null) {
      git.checkout().setCreateBranch(true).setName(branch).setStartPoint("origin/" + branch)
          .setUpstreamMode(CreateBranchCommand.SetupUpstreamMode.TRACK).call();
      return;
    }
    if (repo.resolve(Constants.HEAD) != null) {
      git.checkout().setCreateBranch(true).setName(branch).call();
      return;
    }
    // unborn HEAD (new or empty repository): the first commit creates the branch
    RefUpdate u = repo.updateRef(Constants.HEAD);
    u.disableRefLog();
    u.link(Constants.R_HEADS + branch);
  }

  public Path workTree() {
    return workTree;
  }

  public String branch() {
    return branch;
  }

  /**
   * Files under {@code folder} that differ from HEAD in the work tree or the index (edited, deleted,
   * untracked), sorted: an export rewrites the folder, so these would be lost (review D19).
   */
  public List<String> uncommitted(String folder) {
    try {
      Status st = git.status().addPath(folder).call();
      Set<String> out = new TreeSet<>(st.getUncommittedChanges());
      out.addAll(st.getUntracked());
      return List.copyOf(out);
    } catch (GitAPIException e) {
      throw new GitException("cannot read the status of " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Puts {@code folder} back as HEAD has it: edits undone, untracked files removed. */
  public void discard(String folder) {
    try {
      if (git.getRepository().resolve(Constants.HEAD) != null) {
        git.checkout().setStartPoint(Constants.HEAD).addPath(folder).setForced(true).call();
      }
      Set<String> untracked = git.status().addPath(folder).call().getUntracked();
      for (String f : untracked) {
        Files.deleteIfExists(workTree.resolve(f));
      }
    } catch (GitAPIException | IOException e) {
      throw new GitException("cannot restore " + folder + " to HEAD: " + e.getMessage(), e);
    }
  }

  /** Stages everything under {@code folder} (additions, changes, deletions) and returns what changed vs HEAD. */
  public Changelog stage(String folder) {
    return stage(folder, null);
  }

  /**
   * Blobs for the files an export writes, written while it runs ({@link BlobPrestage}); hand it to
   * {@link #stage(String, BlobPrestage)} and close it after.
   */
  public BlobPrestage prestage() {
    return new BlobPrestage(git.getRepository());
  }

  /** As {@link #stage(String)}, using the blobs {@code prestage} (null: none) wrote meanwhile. */
  public Changelog stage(String folder, BlobPrestage prestage) {
    Repository repo = git.getRepository();
    try (ObjectReader reader = repo.newObjectReader()) {
      FolderStaging.Changes changes = FolderStaging.stage(repo, headTree(repo, reader), folder,
          prestage == null ? Map.of() : prestage.finish());
      return Changelog.between(changes.before(), changes.after());
    } catch (IOException e) {
      throw new GitException("cannot stage " + folder + ": " + e.getMessage(), e);
    }
  }

  /** HEAD's tree, or an empty tree before the first commit. */
  static AbstractTreeIterator headTree(Repository repo, ObjectReader reader) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
    if (head == null) {
      return new EmptyTreeIterator();
    }
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(reader, head);
    return p;
  }

  /** Commits the staged {@code folder}, tags the commit "export-<UTC time>" and pushes both for remotes. */
  public Committed commit(String folder, String message, Instant now) {
    Repository repo = git.getRepository();
    try {
      PersonIdent who = identity(repo, now);
      var commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false);
      if (repo.resolve(Constants.HEAD) != null) {
        commit.setOnly(folder); // leave anything else the user staged in a local repository alone
      }
      RevCommit c = commit.call();
      String tag = freeTagName(repo, "export-" + TAG_TIME.format(now));
      git.tag().setName(tag).setObjectId(c).setAnnotated(true).setTagger(who)
          .setMessage("databricks-sync export " + tag).setSigned(false).call();
      if (target != null) {
        push(tag);
      }
      return new Committed(c.getName(), tag, tempDir == null ? upkeep() : null);
    } catch (GitAPIException | IOException e) {
      throw new GitException("cannot commit the export: " + e.getMessage(), e);
    }
  }

  /**
   * {@code gc --auto} for the local repository the export committed to (a remote's temporary clone is
   * deleted anyway); a failure costs only speed, so it is a notice, not a failed export.
   */
  private String upkeep() {
    try {
      RepositoryUpkeep.packIfNeeded(git);
      return null;
    } catch (GitAPIException | IOException | RuntimeException e) {
      return "the export is committed, but packing the repository failed (" + e.getMessage() + "); git gc repairs it";
    }
  }

  private void push(String tag) {
    PushCommand push = git.push().setRemote("origin")
        .setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch),
            new RefSpec(Constants.R_TAGS + tag + ":" + Constants.R_TAGS + tag));
    if (auth != null) {
      push.setTransportConfigCallback(auth);
    }
    List<String> rejected = new ArrayList<>();
    Iterable<PushResult> results;
    try {
      results = push.call();
    } catch (GitAPIException e) {
      throw GitErrors.remote("cannot push " + branch + " and " + tag + " to", target, e);
    }
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          rejected.add(u.getRemoteName() + " " + u.getStatus() + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
        }
      }
    }
    if (!rejected.isEmpty()) {
      throw new GitException(target.describe() + " rejected the push: " + String.join(", ", rejected));
    }
  }

  private static String freeTagName(Repository repo, String base) throws IOException {
    String name = base;
    for (int i = 1; repo.exactRef(Constants.R_TAGS + name) != null; i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static PersonIdent identity(Repository repo, Instant now) {
    StoredConfig cfg = repo.getConfig();
    String name = cfg.getString("user", null, "name");
    String email = cfg.getString("user", null, "email");
    return new PersonIdent(name != null ? name : "databricks-sync",
        email != null ? email : "databricks-sync@localhost", now, ZoneOffset.UTC);
  }

  @Override
  public void close() {
    git.close();
    if (lock != null) {
      lock.close();
    }
    if (tempDir != null) {
      deleteQuietly(tempDir);
    }
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless; the OS cleans temp space
    }
  }
}
