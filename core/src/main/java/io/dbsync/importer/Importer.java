package io.dbsync.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.apply.AppliedAction;
import io.dbsync.apply.Applier;
import io.dbsync.apply.ApplyResult;
import io.dbsync.apply.ImportApplyContext;
import io.dbsync.apply.ContentVersionRecorder;
import io.dbsync.apply.StateSession;
import io.dbsync.dag.DagExecutor;
import io.dbsync.lock.LockInfo;
import io.dbsync.mapping.MappingException;
import io.dbsync.mapping.Migration;
import io.dbsync.mapping.Translation;
import io.dbsync.plan.ArtifactHashes;
import io.dbsync.plan.ObjectTypeSelection;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlanException;
import io.dbsync.plan.Planner;
import io.dbsync.plan.SharedVariables;
import io.dbsync.plan.SavedPlan;
import io.dbsync.plan.TargetSelection;
import io.dbsync.plan.render.PlanText;
import io.dbsync.plan.render.TerraformJsonPlan;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.state.StateStore;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.ConfigReader;
import io.dbsync.tf.config.ConfigRefs;
import io.dbsync.tf.config.DataSourceDecl;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.ResolvedVariables;
import io.dbsync.tf.config.RevisionFiles;
import io.dbsync.tf.config.VariableResolver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The import engine's entry point (the CLI's `import` command calls this): reads the revision's
 * config, resolves variables, plans against the state and the target, prints the plan and, with
 * apply, carries it out. The state lock is held for the whole plan + apply unless
 * DATABRICKS_SYNC_IMPORT_LOCK=false.
 *
 * <pre>
 *   ImportResult r = new Importer(ImportOptions.builder(exportsDir, LocalStateStore.inDirectory(artifactDir),
 *       KindRegistry.standard(), client).apply(true).build()).run();
 *   System.exit(r.exitCode());
 * </pre>
 */
public final class Importer {
  private final ImportOptions options;

  public Importer(ImportOptions options) {
    this.options = options;
  }

  /**
   * @throws ImportException       invalid config, missing variable, unreadable target, cycles (nothing applied)
   * @throws StateLockedException  another run holds the state lock
   * @throws IOException           the state could not be read or the lock taken
   */
  public ImportResult run() throws ImportException, StateLockedException, IOException {
    int parallelism = options.effectiveParallelism();
    StateStore store = options.stateStore();
    String operation = options.destroy() ? "import destroy" : options.apply() ? "import apply" : "import plan";
    StateLock lock = options.lockingEnabled()
        ? store.lock(LockInfo.forThisProcess(who(), operation))
        : () -> { };
    try (InterruptGuard guard = new InterruptGuard(lock, options.out())) {
      try (lock) {
        return runLocked(store, parallelism, guard);
      }
    }
  }

  private ImportResult runLocked(StateStore store, int parallelism, InterruptGuard guard)
      throws ImportException, IOException {
    Optional<byte[]> stored = store.read();
    StateDocument state = StateDocument.load(store, stored);
    String plannedLineage = stored.isPresent() ? state.lineage() : null;
    long plannedSerial = state.serial();
    List<String> warnings = new ArrayList<>();
    RevisionFiles files = options.files() == null ? RevisionFiles.directory(Path.of("")) : options.files();
    String pathModule = files.root().toString();
    ArtifactHashes hashes = new ArtifactHashes(files);
    ResolvedVariables vars;
    ImportApplyContext ctx;
    ObjectTypeSelection selection;
    DesiredConfig selected = null;
    Plan plan;
    Planner planner;
    String mappingText = "";
    ObjectNode mappingJson = null;
    // planning reads the target while the refresh of the state's entries goes on since the state was read
    try (EarlyRefresh early = EarlyRefresh.start(options, options.kinds(), state, parallelism,
        passive -> context(files, ResolvedVariables.none(passive), state))) {
      if (options.destroy()) {
        selection = selectionFor(state.resources().values().stream().map(StateEntry::dir));
        if (!options.targets().isEmpty()) {
          selection = selection.onlyAddresses(TargetSelection.forDestroy(options.targets(), state));
        }
        // a destroy reads no revision: nothing declares variables, and deletes need none
        vars = VariableResolver.resolve(Map.of(), Set.of(), options.env(), List.of(), Map.of(), new ArrayList<>());
        ctx = context(files, vars, state);
        planner = planner(ctx, hashes, pathModule, parallelism);
        plan = planner.planDestroy(state, selection);
      } else {
        DesiredConfig config = ConfigReader.read(files, options.checkSchemas());
        selection = selectionFor(config.resources().stream().map(DesiredResource::dir));
        if (!options.targets().isEmpty()) {
          selection = selection.onlyAddresses(TargetSelection.forPlan(options.targets(), config, state));
          warnings.add("resource targeting is in effect: the plan covers only " + String.join(", ", options.targets())
              + " and what they depend on, so it may not show every difference between the revision and the target");
        }
        // the mapping rewrites the selected configuration once: the plan, its fingerprint (--out /
        // --apply-plan) and the verification after the apply all see the configuration the target gets
        Translation mapped = Migration.prepare(config.filter(selection::includes), files, options.migration(),
            options.env(), options.client());
        mappingText = mapped.text();
        mappingJson = mapped.unchanged() ? null : mapped.json();
        selected = mapped.config();
        Set<String> sharedOnly = SharedVariables.onlyShared(selected, options.kinds(),
            context(files, ResolvedVariables.none(false), state));
        Set<String> used = usedVariables(selected);
        used.removeAll(sharedOnly);
        vars = SharedVariables.nullIfUnset(VariableResolver.resolve(selected.variables(), used, options.env(),
            options.varFiles(), options.varOverrides(), warnings), sharedOnly);
        ctx = early == null ? context(files, vars, state) : early.contextFor(vars.passive());
        planner = planner(ctx, hashes, pathModule, parallelism);
        if (early != null) {
          planner.refreshingEarly(early.refreshFor(ctx));
        }
        plan = planner.plan(selected, state, selection, vars);
      }
    } catch (MappingException e) {
      if (!e.needs().isEmpty()) {
        options.out().println(e.getMessage()); // every need with its entry, where the plan would have been
      }
      throw new ImportException(e.getMessage(), e, true);
    } catch (ConfigException e) {
      throw new ImportException(e.getMessage(), e, true);
    } catch (PlanException e) {
      throw new ImportException(e.getMessage(), e, e.inputError());
    }
    // the fingerprint (a hash of every object's before and after) only for a plan saved or checked
    SavedPlan fingerprint = options.savedPlan() == null && options.savedPlanOut() == null ? null
        : SavedPlan.of(plan, options.revision(), plannedLineage, plannedSerial, options.objectTypes(),
            options.targets(), options.skipRefresh(),
            options.savedPlan() != null ? options.savedPlan().salt() : SavedPlan.newSalt());
    if (options.savedPlan() != null) {
      List<String> moved = options.savedPlan().differences(fingerprint);
      if (!moved.isEmpty()) {
        throw new StalePlanException(moved);
      }
    }
    PrintStream out = options.out();
    warnings.forEach(w -> out.println("Warning: " + w));
    out.print(mappingText);
    String text = PlanText.text(plan);
    ObjectNode json = TerraformJsonPlan.json(plan);
    if (mappingJson != null) {
      ((ObjectNode) json.get("databricks_sync")).set("mapping", mappingJson);
    }
    writePlan(text, json);
    if (options.savedPlanOut() != null) {
      fingerprint.write(options.savedPlanOut(), json);
      out.println("Saved the plan to " + options.savedPlanOut() + ". To carry out exactly these actions, run"
          + " import --apply-plan " + options.savedPlanOut());
    }
    if (!options.apply()) {
      // a drift report needs the target's objects: not with --skip-refresh, nor for --destroy (never refreshed)
      Verification drift = options.skipRefresh() || plan.destroy() ? null : Verification.ofPlan(plan);
      if (drift != null) {
        out.print(drift.text());
      }
      return new ImportResult(plan, text, json, List.of(), List.of(), warnings, drift, false);
    }
    if (plan.hasChanges() && !options.approval().approve(plan)) {
      out.println("Apply cancelled: nothing was changed.");
      return new ImportResult(plan, text, json, List.of(), List.of(), warnings, null, true);
    }
    if (guard.stopping()) {
      out.println("Interrupted before applying: nothing was changed.");
      return new ImportResult(plan, text, json, List.of(), List.of(), warnings, null, true);
    }
    ApplyResult result;
    StateSession session = new StateSession(state, store);
    // read back even with --skip-refresh, only the objects just written, with nothing cached, each API
    // family as soon as the apply is done with it; not once a signal asked the process to stop (the
    // next run's plan shows what is left)
    OverlappedVerification verifying = new OverlappedVerification(plan.actionable(),
        new ApplyVerifier(options.kinds(), snapshot -> context(files, vars, snapshot),
            fresh -> new Planner(options.kinds(), fresh, hashes, pathModule, parallelism, false),
            state, selected, selection, vars),
        guard::stopping);
    try {
      result = new Applier(options.kinds(), ctx, hashes, pathModule, parallelism, vars, out)
          .stopWhen(guard::stopping)
          .onSettled(verifying::settled)
          .apply(plan, session);
    } catch (DagExecutor.CycleException e) {
      throw new ImportException(e.getMessage(), e);
    }
    printApplySummary(out, result.applied(), result.failures());
    if (!guard.stopping()) {
      recordContentVersions(() -> ContentVersionRecorder.unchanged(session, plan, planner.observedContentVersions()));
    }
    Verification verification = verifying.finish(result.applied());
    if (verification != null) {
      out.print(verification.text());
      Set<String> differing = new HashSet<>();
      verification.differences().forEach(d -> differing.add(d.address()));
      recordContentVersions(() -> ContentVersionRecorder.converged(session, verifying.observedContentVersions(),
          address -> !differing.contains(address)));
    }
    if (!guard.stopping()) {
      recordContentVersions(() -> {
        session.checkpoint();
        return 0;
      });
    }
    return new ImportResult(plan, text, json, result.applied(), result.failures(), warnings, verification, false);
  }

  private interface StateWrite {
    int run() throws IOException;
  }

  /**
   * Records what the refreshes saw of unchanged content (the next refresh then skips those reads); a
   * failure to write it costs only those reads, so it is a warning, not a failed import.
   */
  private void recordContentVersions(StateWrite write) {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      options.out().println("Warning: the content versions seen could not be recorded in the state ("
          + e.getMessage() + "); the next import reads that content again");
    }
  }

  /** --databricks-object-type against the folders of the config (or of the state, when destroying). */
  private ObjectTypeSelection selectionFor(Stream<String> dirsInUse) throws ConfigException {
    Set<String> dirs = new TreeSet<>();
    dirsInUse.filter(Objects::nonNull).forEach(dirs::add);
    return ObjectTypeSelection.of(options.objectTypes(), options.kinds(), dirs);
  }

  private Planner planner(ImportApplyContext ctx, ArtifactHashes hashes, String pathModule, int parallelism) {
    return new Planner(options.kinds(), ctx, hashes, pathModule, parallelism, options.skipRefresh());
  }

  /** Prints the plan text (--plan, and always before an apply) and writes the plan JSON (--plan-json / artifact dir). */
  private void writePlan(String text, ObjectNode json) throws IOException {
    if (options.printPlan() || options.apply()) {
      options.out().print(text);
    }
    if (options.planFile() != null) {
      Path parent = options.planFile().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(options.planFile(), TfJson.writeBytes(json));
    }
  }

  /** One context for planning and applying: the run's caches (folders made, object paths) serve both. */
  private ImportApplyContext context(RevisionFiles files, ResolvedVariables vars, StateDocument state) {
    return new ImportApplyContext(options.client(), files, vars.passive(), (type, id) -> {
      synchronized (state) {
        return state.tracks(type, id);
      }
    });
  }

  /** Variables the selected resources, and the data sources they read, refer to. */
  private static Set<String> usedVariables(DesiredConfig selected) throws ConfigException {
    Set<String> used = new HashSet<>();
    Set<String> data = new TreeSet<>();
    for (DesiredResource r : selected.resources()) {
      used.addAll(ConfigRefs.variables(r.attrs(), r.address()));
      data.addAll(ConfigRefs.dataSources(r.attrs(), r.address()));
    }
    for (String d : data) {
      DataSourceDecl decl = selected.dataSources().get(d);
      if (decl != null) {
        used.addAll(ConfigRefs.variables(decl.attrs(), d));
      }
    }
    return used;
  }

  private static void printApplySummary(PrintStream out, List<AppliedAction> applied, List<ActionFailure> failures) {
    int added = 0;
    int changed = 0;
    int destroyed = 0;
    int imported = 0;
    for (AppliedAction a : applied) {
      switch (a.action()) {
        case CREATE -> added++;
        case UPDATE -> changed++;
        case REPLACE -> {
          added++;
          destroyed++;
        }
        case DELETE -> destroyed++;
        case ADOPT -> imported++;
        default -> { }
      }
    }
    String counts = (imported > 0 ? imported + " imported, " : "") + added + " added, " + changed + " changed, "
        + destroyed + " destroyed.";
    if (failures.isEmpty()) {
      out.println("Apply complete! Resources: " + counts);
      return;
    }
    out.println("Apply failed: " + failures.size() + " change(s) did not complete. Resources: " + counts);
    for (ActionFailure f : failures) {
      out.println("  " + f.address() + " (" + f.action().name().toLowerCase() + "): " + f.message());
    }
  }

  private String who() {
    return options.who() == null ? "unknown" : options.who();
  }
}
