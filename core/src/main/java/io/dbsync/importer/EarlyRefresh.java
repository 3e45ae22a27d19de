package io.dbsync.importer;

import io.dbsync.apply.ImportApplyContext;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.ObjectTypeSelection;
import io.dbsync.plan.StateRefresh;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.TfVarsFiles;
import io.dbsync.tf.config.VariableResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The refresh of the state's entries, started as soon as the state is read, while the revision is read,
 * translated and its variables resolved (terraform refreshes every resource in state too): a
 * re-import's refresh then no longer waits for them. What a refresh needs is the target, the state
 * and the revision's files, all there before the revision is read, and whether the run is passive
 * (a passive refresh reports the pause statuses it forced as the desired ones), which the variables
 * decide: it is taken from what the run was given (TF_VAR_PASSIVE, variable files, --var) and, if the
 * resolved variables say otherwise (the revision declares PASSIVE with a default), the early refresh
 * is dropped and the plan refreshes as before ({@link #contextFor}).
 *
 * <p>Not started with --skip-refresh (nothing is refreshed), --destroy (nothing is), or --target (the
 * plan refreshes only the targets and what they depend on, known only from the revision). Entries
 * that --databricks-object-type leaves out are not refreshed. Whoever starts it closes it: a run that
 * fails before planning leaves no refresh running.
 */
final class EarlyRefresh implements AutoCloseable {
  private final Function<Boolean, ImportApplyContext> contexts;
  private final ImportApplyContext context;
  private final boolean passive;
  private final StateRefresh refresh;

  private EarlyRefresh(Function<Boolean, ImportApplyContext> contexts, boolean passive, KindRegistry kinds,
                       StateDocument state, List<String> addresses, int parallelism) {
    this.contexts = contexts;
    this.context = contexts.apply(passive);
    this.passive = passive;
    this.refresh = StateRefresh.start(kinds, context, state, addresses, parallelism);
  }

  /**
   * Starts refreshing the selected state entries, or answers null when the run does not refresh early.
   *
   * @param contexts a fresh run context, passive or not
   */
  static EarlyRefresh start(ImportOptions options, KindRegistry kinds, StateDocument state, int parallelism,
                            Function<Boolean, ImportApplyContext> contexts) {
    if (options.skipRefresh() || options.destroy() || !options.targets().isEmpty() || state.resources().isEmpty()) {
      return null;
    }
    Boolean passive = givenPassive(options.env(), options.varFiles(), options.varOverrides());
    if (passive == null) {
      return null; // a variables file the run cannot read: the run fails with its message, later
    }
    Set<String> dirs = new TreeSet<>();
    state.resources().values().stream().map(StateEntry::dir).filter(d -> d != null).forEach(dirs::add);
    ObjectTypeSelection selection;
    try {
      selection = ObjectTypeSelection.of(options.objectTypes(), kinds, dirs);
    } catch (ConfigException e) {
      return null; // the selection names a folder only the revision has, or none: the plan says so
    }
    List<String> addresses = new ArrayList<>();
    state.resources().forEach((address, e) -> {
      if (selection.includesState(address, e.dir())) {
        addresses.add(address);
      }
    });
    return new EarlyRefresh(contexts, passive, kinds, state, addresses, parallelism);
  }

  /**
   * The run's context for {@code passive}: the early refresh's (whose listings the plan then shares)
   * when it refreshed as that, else a fresh one, and then the early refresh is stopped.
   */
  ImportApplyContext contextFor(boolean resolvedPassive) {
    if (resolvedPassive == passive) {
      return context;
    }
    refresh.close();
    return contexts.apply(resolvedPassive);
  }

  /** The refresh for the planner when {@link #contextFor} kept this context, else null. */
  StateRefresh refreshFor(ImportApplyContext ctx) {
    return ctx == context ? refresh : null;
  }

  /** Starts no more refreshes and waits for the running ones. */
  @Override
  public void close() {
    refresh.close();
  }

  /**
   * PASSIVE as the run gives it (later wins: TF_VAR_PASSIVE, variable files in order, --var), read as
   * {@link VariableResolver} reads it; null when a variables file cannot be read.
   */
  private static Boolean givenPassive(Map<String, String> env, List<Path> varFiles, Map<String, String> overrides) {
    String value = env.get(VariableResolver.ENV_PREFIX + VariableResolver.PASSIVE);
    try {
      for (Path f : varFiles) {
        value = TfVarsFiles.read(f).getOrDefault(VariableResolver.PASSIVE, value);
      }
    } catch (ConfigException e) {
      return null;
    }
    value = overrides.getOrDefault(VariableResolver.PASSIVE, value);
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }
}
