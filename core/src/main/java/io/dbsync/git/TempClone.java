package io.dbsync.git;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.TagOpt;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A clone the tool makes for one run, in a temporary folder it deletes at the end. JGit's
 * {@code CloneCommand} runs an automatic gc after its fetch, detached in a background thread
 * ({@code fetch.autogc}, {@code gc.autoDetach}), which then races the folder's deletion: a "Could not
 * delete gc.log.lock" stack trace on the user's console and files left behind. This clone is init, a
 * config without automatic gc, and a fetch of every branch and tag; HEAD names the remote's default
 * branch as a clone's does.
 */
final class TempClone {
  private TempClone() {}

  /**
   * @param bare a bare repository (branches under refs/heads/) or a work tree (under refs/remotes/origin/,
   *             nothing checked out)
   * @return the open repository and the remote's default branch (null for an empty remote)
   */
  static Cloned of(String uri, Path dir, boolean bare, TransportConfigCallback auth) throws GitAPIException, IOException {
    Git git = Git.init().setBare(bare).setDirectory(dir.toFile()).call();
    try {
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("fetch", null, "autogc", false);
      config.setBoolean("gc", null, "autoDetach", false);
      config.setString("remote", "origin", "url", uri);
      config.setString("remote", "origin", "fetch",
          "+" + Constants.R_HEADS + "*:" + (bare ? Constants.R_HEADS : Constants.R_REMOTES + "origin/") + "*");
      config.save();
      FetchCommand fetch = git.fetch().setRemote("origin").setTagOpt(TagOpt.FETCH_TAGS);
      if (auth != null) {
        fetch.setTransportConfigCallback(auth);
      }
      String defaultBranch = defaultBranch(fetch.call());
      if (bare && defaultBranch != null) {
        RefUpdate u = git.getRepository().updateRef(Constants.HEAD);
        u.disableRefLog();
        u.link(Constants.R_HEADS + defaultBranch);
      }
      return new Cloned(git, defaultBranch);
    } catch (GitAPIException | IOException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  /** The branch the remote's HEAD names: its symbolic target, else the branch at the same commit (as a clone finds it). */
  private static String defaultBranch(FetchResult result) {
    Ref head = result.getAdvertisedRef(Constants.HEAD);
    if (head == null) {
      return null;
    }
    if (head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
      return head.getTarget().getName().substring(Constants.R_HEADS.length());
    }
    Ref master = result.getAdvertisedRef(Constants.R_HEADS + Constants.MASTER);
    if (master != null && head.getObjectId() != null && head.getObjectId().equals(master.getObjectId())) {
      return Constants.MASTER;
    }
    return result.getAdvertisedRefs().stream()
        .filter(r -> r.getName().startsWith(Constants.R_HEADS) && r.getObjectId() != null
            && r.getObjectId().equals(head.getObjectId()))
        .map(r -> r.getName().substring(Constants.R_HEADS.length()))
        .sorted().findFirst().orElse(null);
  }

  /** The cloned repository and the remote's default branch (null when the remote has none). */
  record Cloned(Git git, String defaultBranch) {}
}
