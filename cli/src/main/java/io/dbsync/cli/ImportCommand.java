package io.dbsync.cli;

import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.git.SshAuth;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.state.LockNotHeldException;
import io.dbsync.state.StateStore;
import io.dbsync.state.backend.StateBackends;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", description = "Plans and applies a git revision of an export to the target workspace.")
final class ImportCommand implements Callable<Integer> {
  @Mixin
  WorkspaceOptions workspace = new WorkspaceOptions();

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  SecretImportOptions secretValues = new SecretImportOptions();

  @ArgGroup(exclusive = false, multiplicity = "1")
  GitOptions git;

  @Option(names = "--revision", paramLabel = "REV", description = "Commit, tag or branch to import. Default: head of --branch.")
  String revision;

  @Option(names = "--artifact-dir", paramLabel = "DIR", required = true, description = "Keeps the state (unless --backend-file) and the plan files.")
  Path artifactDir;

  @Option(names = "--backend-file", paramLabel = "FILE", description = "backend.tf / .tf.json with a backend \"s3\" or \"azurerm\" block: keeps the state there.")
  Path backendFile;

  @Option(names = "--databricks-object-type", paramLabel = "TYPE", description = "Only these object types (e.g. cluster_policy or databricks_cluster_policy); repeatable.")
  List<String> objectTypes = new ArrayList<>();

  @Option(names = "--plan", description = "Print the plan.")
  boolean plan;

  @Option(names = "--skip-refresh", description = "Compare with the state only, without reading the target's objects.")
  boolean skipRefresh;

  @Option(names = "--apply", description = "Carry out the plan.")
  boolean apply;

  @Option(names = "--destroy", description = "Plan (and with --apply, carry out) the removal of everything the state tracks.")
  boolean destroy;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value of a variable (overrides TF_VAR_NAME); repeatable.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "terraform.tfvars-style or .tfvars.json file; repeatable.")
  List<Path> varFiles = new ArrayList<>();

  @Option(names = "--plan-json", paramLabel = "FILE",
      description = "Where the plan goes as JSON. Default: plan.json in the artifact dir.")
  Path planJson;

  @Option(names = "--force-unlock", paramLabel = "LOCK_ID",
      description = "Remove the state lock LOCK_ID left by a run that died (the id is in the 'locked by' message), then exit.")
  String forceUnlock;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!plan && !apply) {
      plan = true;
    }
    for (Path f : varFiles) {
      if (!Files.isRegularFile(f)) {
        throw new UserErrors.BadInput("variable file not found: " + f);
      }
    }
    if (backendFile != null && !Files.isRegularFile(backendFile)) {
      throw new UserErrors.BadInput("backend file not found: " + backendFile);
    }
    Files.createDirectories(artifactDir);
    StateStore state = backendFile != null ? StateBackends.fromBackendFile(backendFile, Env.get())
        : LocalStateStore.inDirectory(artifactDir);
    if (forceUnlock != null) {
      return unlock(state);
    }
    GitTarget target = git.gitTarget();
    try (state;
         SshAuth auth = target instanceof GitTarget.Ssh ? SshAuth.of(null, git.sshKey) : null;
         RevisionCheckout checkout = destroy ? null : RevisionCheckout.of(target, git.branch, revision, auth)) {
      if (checkout != null) {
        System.err.println("Importing " + target.describe() + " at " + checkout.commitId());
      }
      ImportOptions options = ImportOptions.builder(checkout == null ? null : checkout.exportsDir(), state,
              KindRegistry.standard(), workspace.client(Env.get()))
          .objectTypes(objectTypes)
          .apply(apply)
          .destroy(destroy)
          .skipRefresh(skipRefresh)
          .printPlan(plan)
          .env(secretValues.environment(checkout == null ? null : checkout.exportsDir(), Env.get(), System.err))
          .varOverrides(vars)
          .varFiles(varFiles)
          .who(System.getProperty("user.name") + "@" + hostName())
          .planFile(planJson != null ? planJson : artifactDir.resolve("plan.json"))
          .out(output.human())
          .build();
      try {
        ImportResult result = new Importer(options).run();
        output.summary(RunSummaries.importRun(result, target.describe(), checkout == null ? null : checkout.commitId(),
            state.describe(), options.planFile(), apply));
        return result.exitCode();
      } catch (ImportException e) {
        throw new UserErrors.BadInput(e.getMessage(), e);
      }
    }
  }

  private int unlock(StateStore state) throws Exception {
    try (state) {
      state.forceUnlock(forceUnlock);
    } catch (LockNotHeldException e) {
      throw new UserErrors.BadInput(e.getMessage(), e);
    }
    spec.commandLine().getOut().println("Released lock " + forceUnlock + " on " + state.describe());
    return 0;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
