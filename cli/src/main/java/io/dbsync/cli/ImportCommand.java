package io.dbsync.cli;

import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.git.SshAuth;
import io.dbsync.importer.Approval;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.lock.HolderAliveException;
import io.dbsync.mapping.MigrationOptions;
import io.dbsync.mapping.PrincipalPolicy;
import io.dbsync.plan.PlanException;
import io.dbsync.plan.SavedPlan;
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

  @Option(names = "--target", paramLabel = "ADDRESS",
      description = "Only this resource (TYPE.NAME, e.g. databricks_cluster.etl) and what it depends on"
          + " (with --destroy: and what depends on it); repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--plan", description = "Print the plan (the default without --apply).")
  boolean plan;

  @Option(names = "--skip-refresh", description = "Compare with the state only, without reading the target's objects.")
  boolean skipRefresh;

  @Option(names = "--apply", description = "Print the plan, then carry it out (on a terminal after a yes at the prompt).")
  boolean apply;

  @Option(names = "--auto-approve", description = "With --apply: do not ask before applying on a terminal.")
  boolean autoApprove;

  @Option(names = "--detailed-exitcode",
      description = "With --plan: exit 0 when the target is in sync, 2 when changes are planned, 1 on any error.")
  boolean detailedExitcode;

  @Option(names = "--out", paramLabel = "FILE",
      description = "With --plan: also save the plan to FILE, to carry out exactly that plan later with --apply-plan FILE.")
  Path out;

  @Option(names = "--apply-plan", paramLabel = "FILE",
      description = "Carry out the plan saved with --plan --out FILE; refused if the revision, the state or an"
          + " object of the target changed since.")
  Path applyPlan;

  @Option(names = "--destroy", description = "Plan (and with --apply, carry out) the removal of everything the state tracks.")
  boolean destroy;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value of a variable (overrides TF_VAR_NAME); repeatable.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "terraform.tfvars-style or .tfvars.json file; repeatable.")
  List<Path> varFiles = new ArrayList<>();

  @Option(names = "--plan-json", paramLabel = "FILE",
      description = "Where the plan goes as JSON, in terraform's plan format. Default: plan.json in the artifact dir.")
  Path planJson;

  @Option(names = "--force-unlock", paramLabel = "LOCK_ID",
      description = "Remove the state lock LOCK_ID left by a run that died (the id is in the 'locked by' message), then exit.")
  String forceUnlock;

  @Option(names = "--force", description = "With --force-unlock: release the lock even though its holder still runs on this host.")
  boolean force;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "Mapping file for a move across clouds or accounts (node types, cloud attributes, instance profiles, storage, principals, paths); `init --mapping FILE` writes a template. TF_VAR_CLOUD names the target cloud.")
  Path mapping;

  @Option(names = "--missing-principals", paramLabel = "POLICY",
      description = "Principals the target lacks: create (default), map (through --mapping), drop (remove their access), fail.")
  String missingPrincipals;

  @Option(names = "--fallback-owner", paramLabel = "PRINCIPAL",
      description = "Owner (user name or service principal application id) of jobs and pipelines whose owner the target lacks.")
  String fallbackOwner;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkFlags();
    SavedPlan saved = applyPlan == null ? null : readSavedPlan();
    if (saved != null) {
      // the saved plan carries its own selection and revision
      apply = true;
      destroy = saved.destroy();
      skipRefresh = saved.skipRefresh();
      objectTypes = saved.objectTypes();
      targets = saved.targets();
      if (revision == null) {
        revision = saved.revision();
      }
    }
    if (!plan && !apply) {
      plan = true;
    }
    for (Path f : varFiles) {
      if (!Files.isRegularFile(f)) {
        throw new UserErrors.BadInput("variable file not found: " + f);
      }
    }
    MigrationOptions migration = migrationOptions();
    if (backendFile != null && !Files.isRegularFile(backendFile)) {
      throw new UserErrors.BadInput("backend file not found: " + backendFile);
    }
    if (Files.exists(artifactDir) && !Files.isDirectory(artifactDir)) {
      throw new UserErrors.BadInput("--artifact-dir " + artifactDir + " is a file, not a folder");
    }
    git.checkLocalPath();
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
      ImportOptions options = ImportOptions.builder(checkout == null ? null : checkout.files(), state,
              KindRegistry.standard(), workspace.client(Env.get()))
          .objectTypes(objectTypes)
          .targets(targets)
          .apply(apply)
          .destroy(destroy)
          .skipRefresh(skipRefresh)
          .printPlan(plan)
          .env(secretValues.environment(checkout == null ? null : checkout.files(), Env.get(), System.err))
          .varOverrides(vars)
          .varFiles(varFiles)
          .who(System.getProperty("user.name") + "@" + hostName())
          .planFile(planJson != null ? planJson : artifactDir.resolve("plan.json"))
          .revision(checkout == null ? null : checkout.commitId())
          .savedPlanOut(out)
          .savedPlan(saved)
          // a saved plan was approved when it was saved, as terraform's apply of a plan file
          .approval(saved != null ? Approval.ALWAYS : ApprovalPrompt.forThisRun(autoApprove, output.human()))
          .out(output.human())
          .migration(migration)
          .build();
      try {
        ImportResult result = new Importer(options).run();
        output.summary(RunSummaries.importRun(result, target.describe(), checkout == null ? null : checkout.commitId(),
            state.describe(), options.planFile(), apply));
        return detailedExitcode ? DetailedExitCode.of(result) : result.exitCode();
      } catch (ImportException e) {
        if (e.inputError()) {
          throw new UserErrors.BadInput(e.getMessage(), e);
        }
        throw e; // the target failed while planning: a runtime error (exit 1), not bad input (review D11)
      }
    }
  }

  /** Combinations that cannot mean what the user wants are refused before anything is read. */
  private void checkFlags() {
    if (detailedExitcode && (apply || applyPlan != null)) {
      throw new UserErrors.BadInput("--detailed-exitcode tells whether a plan has changes: use it with --plan, not with --apply");
    }
    if (out != null && (apply || applyPlan != null)) {
      throw new UserErrors.BadInput("--out saves a plan to apply later with --apply-plan: use it with --plan, not with --apply");
    }
    if (applyPlan != null) {
      List<String> own = new ArrayList<>();
      if (destroy) {
        own.add("--destroy");
      }
      if (skipRefresh) {
        own.add("--skip-refresh");
      }
      if (!objectTypes.isEmpty()) {
        own.add("--databricks-object-type");
      }
      if (!targets.isEmpty()) {
        own.add("--target");
      }
      if (!own.isEmpty()) {
        throw new UserErrors.BadInput("--apply-plan carries out the saved plan with the selection it was made with:"
            + " drop " + String.join(", ", own));
      }
    }
  }

  private SavedPlan readSavedPlan() throws Exception {
    try {
      return SavedPlan.read(applyPlan);
    } catch (PlanException e) {
      throw new UserErrors.BadInput(e.getMessage(), e);
    }
  }

  private MigrationOptions migrationOptions() {
    if (mapping != null && !Files.isRegularFile(mapping)) {
      throw new UserErrors.BadInput("mapping file not found: " + mapping);
    }
    try {
      return new MigrationOptions(mapping, missingPrincipals == null ? null : PrincipalPolicy.parse(missingPrincipals),
          fallbackOwner);
    } catch (IllegalArgumentException e) {
      throw new UserErrors.BadInput("--missing-principals: " + e.getMessage());
    }
  }

  private int unlock(StateStore state) throws Exception {
    try (state) {
      state.forceUnlock(forceUnlock, force);
    } catch (LockNotHeldException | HolderAliveException e) {
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
