package io.dbsync.cli;

import io.dbsync.git.GitTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The export repository: a local path or an SSH URL (exactly one), a branch and an SSH key. */
final class GitOptions {
  static final class Target {
    @Option(names = {"-l", "--local-git-path"}, paramLabel = "PATH", required = true,
        description = "Local git repository (created when the folder is new or empty).")
    Path localPath;

    @Option(names = {"-g", "--git-ssh-url"}, paramLabel = "SSH_URL", required = true,
        description = "Remote repository over SSH, e.g. git@github.com:org/repo.git.")
    String sshUrl;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch (created when missing). Default: the repository's default branch.")
  String branch;

  @Option(names = {"-k", "--ssh-key-path"}, paramLabel = "KEY", description = "Private key for the SSH remote. Default: keys in ~/.ssh.")
  Path sshKey;

  /** A -l that names a file is a mistake to say plainly (review D17), before any git library sees it. */
  void checkLocalPath() {
    if (target.localPath != null && Files.isRegularFile(target.localPath)) {
      throw new UserErrors.BadInput("-l " + target.localPath + " is a file, not a folder: give a git repository"
          + " (or, for export, an empty folder)");
    }
  }

  GitTarget gitTarget() {
    return target.sshUrl != null ? new GitTarget.Ssh(target.sshUrl) : new GitTarget.Local(target.localPath);
  }
}
