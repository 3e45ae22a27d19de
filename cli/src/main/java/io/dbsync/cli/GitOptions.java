package io.dbsync.cli;

import io.dbsync.git.GitTarget;
import io.dbsync.git.HttpsCredentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The export repository: a local path or a remote URL (exactly one), a branch and an SSH key. */
final class GitOptions {
  static final class Target {
    @Option(names = {"-l", "--local-git-path"}, paramLabel = "PATH", required = true,
        description = "Local git repository (created when the folder is new or empty).")
    Path localPath;

    @Option(names = {"-g", "--git-ssh-url", "--git-url"}, paramLabel = "URL", required = true,
        description = {"Remote repository over SSH (git@github.com:org/repo.git, ssh://...; keys from ~/.ssh or -k)",
            "or HTTPS (https://github.com/org/repo.git; token from " + HttpsCredentials.TOKEN_ENV
                + ", user name from " + HttpsCredentials.USERNAME_ENV + ", default " + HttpsCredentials.DEFAULT_USERNAME + ")."})
    String url;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch (created when missing). Default: the repository's default branch.")
  String branch;

  @Option(names = {"-k", "--ssh-key-path"}, paramLabel = "KEY", description = "Private key for an SSH remote. Default: keys in ~/.ssh.")
  Path sshKey;

  /** A -l that names a file is a mistake to say plainly (review D17), before any git library sees it. */
  void checkLocalPath() {
    if (target.localPath != null && Files.isRegularFile(target.localPath)) {
      throw new UserErrors.BadInput("-l " + target.localPath + " is a file, not a folder: give a git repository"
          + " (or, for export, an empty folder)");
    }
  }

  /** The target; an HTTPS remote takes its token from the environment (never from a flag: flags show up in process lists). */
  GitTarget gitTarget() {
    if (target.url == null) {
      return new GitTarget.Local(target.localPath);
    }
    if (!GitTarget.isHttpUrl(target.url) && !GitTarget.isSshUrl(target.url)) {
      throw new UserErrors.BadInput("-g needs an SSH URL (git@host:org/repo.git, ssh://...) or an HTTPS URL; use -l for a local path");
    }
    return GitTarget.parse(target.url, HttpsCredentials.fromEnvironment(Env.get()));
  }
}
