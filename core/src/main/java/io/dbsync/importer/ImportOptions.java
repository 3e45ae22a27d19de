package io.dbsync.importer;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.kind.KindRegistry;
import io.dbsync.mapping.MigrationOptions;
import io.dbsync.plan.SavedPlan;
import io.dbsync.state.StateStore;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything `databricks-sync import` needs; build with {@link #builder}.
 *
 * @param files       the revision's exports/ files (RevisionCheckout.files(), or a folder); null only when destroying
 * @param stateStore  where the state lives (LocalStateStore.inDirectory(artifactDir), S3, Azure)
 * @param kinds       the kind registry (KindRegistry.standard())
 * @param client      the target workspace client
 * @param objectTypes --databricks-object-type values (empty = all)
 * @param apply       --apply: carry out the plan (otherwise plan only)
 * @param destroy     --destroy: plan (and with apply, carry out) deleting every selected state entry
 * @param skipRefresh --skip-refresh: compare with the state instead of reading the target
 * @param printPlan   --plan: print the plan text to {@code out} (it is always in the result)
 * @param env         the environment: TF_VAR_*, DATABRICKS_SYNC_IMPORT_LOCK,
 *                    DATABRICKS_SYNC_IMPORT_APPLY_PARALLELISM
 * @param varOverrides --var name=value
 * @param varFiles    variable files (terraform.tfvars syntax or *.json), in precedence order
 * @param parallelism concurrent API actions; 0 = env DATABRICKS_SYNC_IMPORT_APPLY_PARALLELISM, else
 *                    {@link #defaultParallelism}
 * @param who         the lock holder name, as shown to a blocked run (default user@host)
 * @param out         plan text and apply progress
 * @param planFile    where to write the plan JSON (e.g. &lt;artifact-dir&gt;/plan.json), or null
 * @param revision    the imported commit id (recorded in a saved plan and checked against one), or null
 * @param targets     --target addresses (empty = every selected resource)
 * @param approval    asked before applying a plan with changes (the CLI's prompt); default approves
 * @param savedPlanOut --out: where to save the plan for a later --apply-plan, or null
 * @param savedPlan   --apply-plan: the saved plan this run must match before it applies, or null
 * @param checkSchemas check the revision against the provider schemas (default; off only for test kinds)
 * @param migration   --mapping, --missing-principals, --fallback-owner (moves across clouds and accounts)
 */
public record ImportOptions(RevisionFiles files, StateStore stateStore, KindRegistry kinds, WorkspaceClient client,
                            List<String> objectTypes, boolean apply, boolean destroy, boolean skipRefresh,
                            boolean printPlan, Map<String, String> env, Map<String, String> varOverrides,
                            List<Path> varFiles, int parallelism, String who, PrintStream out,
                            Path planFile, String revision, List<String> targets, Approval approval,
                            Path savedPlanOut, SavedPlan savedPlan, boolean checkSchemas,
                            MigrationOptions migration) {
  public static final String LOCK_ENV = "DATABRICKS_SYNC_IMPORT_LOCK";
  public static final String PARALLELISM_ENV = "DATABRICKS_SYNC_IMPORT_APPLY_PARALLELISM";
  /** Concurrent API actions when the client does not pace itself (else {@link Clients#PACED_PARALLELISM}). */
  public static final int DEFAULT_PARALLELISM = 4;

  public ImportOptions {
    Objects.requireNonNull(stateStore, "stateStore");
    Objects.requireNonNull(kinds, "kinds");
    objectTypes = List.copyOf(objectTypes);
    env = Map.copyOf(env);
    varOverrides = Map.copyOf(varOverrides);
    varFiles = List.copyOf(varFiles);
    targets = List.copyOf(targets);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(approval, "approval");
    migration = migration == null ? MigrationOptions.NONE : migration;
    if (files == null && !destroy) {
      throw new IllegalArgumentException("the revision's files are required unless destroying");
    }
  }

  /** Options importing the revision {@code files} (see {@code RevisionCheckout.files()}). */
  public static Builder builder(RevisionFiles files, StateStore stateStore, KindRegistry kinds, WorkspaceClient client) {
    return new Builder(files, stateStore, kinds, client);
  }

  /** Options importing an exports folder on disk (null only when destroying). */
  public static Builder builder(Path exportsDir, StateStore stateStore, KindRegistry kinds, WorkspaceClient client) {
    return new Builder(exportsDir == null ? null : RevisionFiles.directory(exportsDir), stateStore, kinds, client);
  }

  /** False when DATABRICKS_SYNC_IMPORT_LOCK=false (or 0/no): for state locations where exclusive create is unreliable. */
  public boolean lockingEnabled() {
    String v = env.get(LOCK_ENV);
    return v == null || !(v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no"));
  }

  /** The explicit parallelism, else the environment's, else {@link #defaultParallelism}. */
  public int effectiveParallelism() throws ImportException {
    if (parallelism > 0) {
      return parallelism;
    }
    String v = env.get(PARALLELISM_ENV);
    if (v == null || v.isBlank()) {
      return defaultParallelism(client);
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ImportException(PARALLELISM_ENV + " must be a positive integer, got \"" + v + "\"");
    }
  }

  /**
   * The import's default for this client: {@link Clients#PACED_PARALLELISM} when it paces itself (the
   * pacer, not the number of actions in flight, holds each family at its limit), else
   * {@link #DEFAULT_PARALLELISM}.
   */
  public static int defaultParallelism(WorkspaceClient client) {
    return client == null ? DEFAULT_PARALLELISM : Clients.defaultParallelism(client, DEFAULT_PARALLELISM);
  }

  /** user@host of this process, the default lock holder name. */
  public static String defaultWho() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }

  public static final class Builder {
    private final RevisionFiles files;
    private final StateStore stateStore;
    private final KindRegistry kinds;
    private final WorkspaceClient client;
    private List<String> objectTypes = List.of();
    private boolean apply;
    private boolean destroy;
    private boolean skipRefresh;
    private boolean printPlan = true;
    private Map<String, String> env = System.getenv();
    private Map<String, String> varOverrides = Map.of();
    private List<Path> varFiles = List.of();
    private int parallelism;
    private String who = defaultWho();
    private PrintStream out = System.out;
    private Path planFile;
    private String revision;
    private List<String> targets = List.of();
    private Approval approval = Approval.ALWAYS;
    private Path savedPlanOut;
    private SavedPlan savedPlan;
    private boolean checkSchemas = true;
    private MigrationOptions migration = MigrationOptions.NONE;

    private Builder(RevisionFiles files, StateStore stateStore, KindRegistry kinds, WorkspaceClient client) {
      this.files = files;
      this.stateStore = stateStore;
      this.kinds = kinds;
      this.client = client;
    }

    public Builder objectTypes(List<String> v) {
      objectTypes = v;
      return this;
    }

    public Builder apply(boolean v) {
      apply = v;
      return this;
    }

    public Builder destroy(boolean v) {
      destroy = v;
      return this;
    }

    public Builder skipRefresh(boolean v) {
      skipRefresh = v;
      return this;
    }

    public Builder printPlan(boolean v) {
      printPlan = v;
      return this;
    }

    public Builder env(Map<String, String> v) {
      env = v;
      return this;
    }

    public Builder varOverrides(Map<String, String> v) {
      varOverrides = v;
      return this;
    }

    public Builder varFiles(List<Path> v) {
      varFiles = v;
      return this;
    }

    public Builder parallelism(int v) {
      parallelism = v;
      return this;
    }

    public Builder who(String v) {
      who = v;
      return this;
    }

    public Builder out(PrintStream v) {
      out = v;
      return this;
    }

    public Builder planFile(Path v) {
      planFile = v;
      return this;
    }

    public Builder revision(String v) {
      revision = v;
      return this;
    }

    public Builder targets(List<String> v) {
      targets = v;
      return this;
    }

    public Builder approval(Approval v) {
      approval = v;
      return this;
    }

    public Builder savedPlanOut(Path v) {
      savedPlanOut = v;
      return this;
    }

    public Builder savedPlan(SavedPlan v) {
      savedPlan = v;
      return this;
    }

    /** Off only for engines driven by test kinds whose attributes are not the provider's. */
    public Builder checkSchemas(boolean v) {
      checkSchemas = v;
      return this;
    }

    public Builder migration(MigrationOptions v) {
      migration = v;
      return this;
    }

    public ImportOptions build() {
      return new ImportOptions(files, stateStore, kinds, client, objectTypes, apply, destroy, skipRefresh,
          printPlan, env, varOverrides, varFiles, parallelism, who, out, planFile, revision, targets, approval,
          savedPlanOut, savedPlan, checkSchemas, migration);
    }
  }
}
