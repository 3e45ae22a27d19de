package io.dbsync.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.plan.ArtifactHashes;
import io.dbsync.plan.ComputedAttributes;
import io.dbsync.plan.Differ;
import io.dbsync.plan.FamilySchedule;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;
import io.dbsync.plan.Planner;
import io.dbsync.plan.SensitiveValues;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.ResolvedVariables;
import io.dbsync.tf.expr.AttributeResolver;
import io.dbsync.tf.expr.BaseScope;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Scope;
import io.dbsync.tf.expr.Unknown;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Executes a plan: changes run in dependency order (creates/updates after what they reference,
 * deletes after what referred to them), at most {@code parallelism} at once. Each change resolves
 * its attributes just before it runs, from the state as it is then (so references carry the ids of
 * objects created moments ago), and the state is written after every action. A create first asks
 * {@link Kind#adopt} unless the plan already did in this run, so an object created by a run that
 * died before writing state is adopted, not duplicated. A failed change fails its dependents only.
 * Ready changes of the slowest API families start first ({@link FamilySchedule}). Creates a kind can
 * send together (the members of one group) are one request ({@link Batches}).
 */
public final class Applier {
  private final KindRegistry kinds;
  private final ImportApplyContext ctx;
  private final ArtifactHashes hashes;
  private final String pathModule;
  private final int parallelism;
  private final ResolvedVariables vars;
  private final PrintStream out;
  /** Salt for hashing sensitive values into the state (the state's lineage). */
  private String salt = "";
  private BooleanSupplier stopping = () -> false;
  private SettleListener settled = (address, ok) -> { };
  private final Ownership ownership;

  /** Told of each change of the plan as it settles: succeeded, failed, or not attempted. */
  @FunctionalInterface
  public interface SettleListener {
    /** Called once per change, after its state write, in the order changes settle; must return quickly, never block. */
    void settled(String address, boolean succeeded);
  }

  public Applier(KindRegistry kinds, ImportApplyContext ctx, ArtifactHashes hashes, String pathModule,
                 int parallelism, ResolvedVariables vars, PrintStream out) {
    this.kinds = kinds;
    this.ctx = ctx;
    this.hashes = hashes;
    this.pathModule = pathModule;
    this.parallelism = parallelism;
    this.vars = vars;
    this.out = out;
    this.ownership = new Ownership(ctx.files(), ctx);
  }

  /** Once {@code stop} answers true, changes not yet started fail as not attempted (a signal, review D8). */
  public Applier stopWhen(BooleanSupplier stop) {
    this.stopping = stop;
    return this;
  }

  /** Tells {@code listener} of each change as it settles (the verification starts on what is settled). */
  public Applier onSettled(SettleListener listener) {
    this.settled = listener;
    return this;
  }

  public ApplyResult apply(Plan plan, StateSession state) throws DagExecutor.CycleException {
    this.salt = state.document().lineage();
    Map<String, PlannedChange> byAddress = new LinkedHashMap<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (PlannedChange c : plan.actionable()) {
      byAddress.put(c.address(), c);
      graph.put(c.address(), c.dependencies());
    }
    ComputedAttributes computed = new ComputedAttributes(kinds, ctx);
    Scope scope = new BaseScope(vars.values(), plan.dataSources(), pathModule) {
      @Override
      public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
        String address = type + "." + name;
        Optional<StateEntry> e = state.get(address);
        if (e.isEmpty()) {
          throw new EvalException(address + " does not exist in the target (its change failed or was not applied)");
        }
        return Planner.stateAttribute(address, e.get(), attr, computed);
      }
    };
    Batches batches = Batches.of(plan.actionable(), kinds);
    Map<String, List<String>> batched = batches.graph(graph);
    Set<String> succeeded = ConcurrentHashMap.newKeySet();
    Map<String, DagExecutor.Outcome<String>> outcomes = DagExecutor.run(batched, parallelism,
        FamilySchedule.of(batched, a -> batches.type(a, byAddress), true, parallelism),
        node -> batches.batch(node).isPresent(),
        node -> {
          Optional<Batches.Batch> batch = batches.batch(node);
          String id = batch.isPresent()
              ? batch.get().deletes() ? deleteBatch(batch.get(), batches, graph, succeeded, state)
                  : createBatch(batch.get(), batches, graph, succeeded, scope, state)
              : batches.isMember(node) ? batches.result(node) : execute(byAddress.get(node), scope, state);
          succeeded.add(node);
          return id;
        },
        (node, outcome) -> {
          if (byAddress.containsKey(node)) {
            settled.settled(node, outcome.ok());
          }
        });
    try {
      state.checkpoint();
    } catch (IOException e) {
      // every change is already durable in the journal; the next run replays it
      say("Warning: the state could not be rewritten in one piece (" + message(e) + "); its journal holds the changes");
    }
    List<AppliedAction> applied = new ArrayList<>();
    List<ActionFailure> failures = new ArrayList<>();
    outcomes.forEach((address, o) -> {
      if (batches.batch(address).isPresent()) {
        return; // its members report
      }
      Action action = byAddress.get(address).action();
      String blockedBy = o.ok() || (o.error() != null && !(o.error() instanceof Batches.Blocked)) ? null
          : Batches.rootCause(address, outcomes);
      if (o.ok()) {
        applied.add(new AppliedAction(address, action, o.value()));
      } else if (blockedBy == null) {
        failures.add(new ActionFailure(address, action, message(o.error()), null));
      } else {
        failures.add(new ActionFailure(address, action, "not attempted: it depends on " + blockedBy + ", which failed", blockedBy));
      }
    });
    return new ApplyResult(applied, failures);
  }

  private String execute(PlannedChange c, Scope scope, StateSession state) throws IOException, EvalException {
    if (stopping.getAsBoolean()) {
      throw new IOException("not started: the run was interrupted");
    }
    try {
      return switch (c.action()) {
        case RELEASE -> {
          state.remove(c.address());
          say(c.address() + ": Released (adopted object left in the workspace) [id=" + c.id() + "]");
          yield null;
        }
        case DELETE -> {
          say(c.address() + ": Destroying... [id=" + c.id() + "]");
          existing(c).delete(ctx, c.id(), c.prior().attributes());
          state.remove(c.address());
          say(c.address() + ": Destruction complete");
          yield null;
        }
        case UPDATE -> {
          ObjectNode attrs = resolve(c, scope);
          say(c.address() + ": Modifying... [id=" + c.id() + "]");
          desired(c, attrs).update(ctx, c.id(), attrs, c.prior().attributes());
          state.put(c.address(), entry(c, c.id(), attrs, c.prior().adopted()));
          say(c.address() + ": Modifications complete [id=" + c.id() + "]");
          yield c.id();
        }
        case REPLACE -> {
          ObjectNode attrs = resolve(c, scope);
          say(c.address() + ": Destroying... [id=" + c.id() + "]");
          existing(c).delete(ctx, c.id(), c.prior().attributes());
          state.remove(c.address());
          say(c.address() + ": Destruction complete");
          yield create(c, desired(c, attrs), attrs, true, state);
        }
        case CREATE -> {
          ObjectNode attrs = resolve(c, scope);
          yield create(c, desired(c, attrs), attrs, !c.adoptChecked(), state);
        }
        case ADOPT -> {
          ObjectNode attrs = resolve(c, scope);
          Kind kind = desired(c, attrs);
          say(c.address() + ": Adopting existing object [id=" + c.id() + "]");
          if (!c.change().diffs().isEmpty()) {
            kind.update(ctx, c.id(), attrs, c.change().before());
          }
          state.put(c.address(), entry(c, c.id(), attrs,
              ownership.foreign(kind, c.desired(), attrs, state.isPending(c.address()))));
          say(c.address() + ": Adoption complete [id=" + c.id() + "]");
          yield c.id();
        }
        case NOOP -> c.id();
      };
    } catch (Exception e) {
      say("Error: " + c.address() + ": " + message(e));
      throw e;
    }
  }

  /** The kind of the object the state has (a replace may move it to another kind of the type). */
  private Kind existing(PlannedChange c) {
    return kind(c, c.id(), c.prior().attributes());
  }

  /** The kind of the object the resolved desired attributes describe. */
  private Kind desired(PlannedChange c, ObjectNode attrs) {
    return kind(c, null, attrs);
  }

  private Kind kind(PlannedChange c, String id, ObjectNode attrs) {
    return kinds.forObject(c.type(), id, attrs).orElseThrow(() -> new IllegalStateException("no kind for " + c.address()));
  }

  private String create(PlannedChange c, Kind kind, ObjectNode attrs, boolean checkAdopt, StateSession state)
      throws IOException {
    Optional<String> adopted = checkAdopt ? adoptExisting(c, kind, attrs, state) : Optional.empty();
    if (adopted.isPresent()) {
      return adopted.get();
    }
    say(c.address() + ": Creating...");
    state.markPending(c.address(), c.type());
    String id = kind.create(ctx, attrs);
    created(c, id, attrs, state);
    return id;
  }

  /** The object these attributes describe when the target already has it, adopted (and updated where it differs). */
  private Optional<String> adoptExisting(PlannedChange c, Kind kind, ObjectNode attrs, StateSession state)
      throws IOException {
    Optional<String> existing = kind.adopt(ctx, attrs);
    if (existing.isEmpty()) {
      return existing;
    }
    String id = existing.get();
    say(c.address() + ": Adopting existing object [id=" + id + "]");
    ObjectNode current = kind.refresh(ctx, id).orElse(attrs.objectNode());
    if (!Differ.diff(hashes.compareForm(attrs), current, null, Set.of(), false).empty()) {
      kind.update(ctx, id, attrs, current);
    }
    state.put(c.address(), entry(c, id, attrs,
        ownership.foreign(kind, c.desired(), attrs, state.isPending(c.address()))));
    say(c.address() + ": Adoption complete [id=" + id + "]");
    return existing;
  }

  private void created(PlannedChange c, String id, ObjectNode attrs, StateSession state) throws IOException {
    state.put(c.address(), entry(c, id, attrs, false));
    say(c.address() + ": Creation complete [id=" + id + "]");
  }

  /**
   * The creates of one batch ({@link Batches}): members whose own dependencies failed are left out,
   * each other member is resolved and checked for adoption (the kind's reads are shared, so one read of
   * the owner serves the batch), then the rest are marked pending, created by one
   * {@link Kind#createAll} and recorded one by one, so a run killed mid-request leaves pending marks that
   * the next run adopts. When the batch request fails, each member is created on its own, so a bad
   * member fails alone. Never throws: every member's result is in {@code batches}.
   */
  private String createBatch(Batches.Batch batch, Batches batches, Map<String, List<String>> graph,
                             Set<String> succeeded, Scope scope, StateSession state) {
    List<PlannedChange> pending = new ArrayList<>();
    List<ObjectNode> attrs = new ArrayList<>();
    for (PlannedChange c : batch.members()) {
      try {
        if (!admitted(c, batches, graph, succeeded)) {
          continue;
        }
        ObjectNode a = resolve(c, scope);
        Optional<String> adopted = c.adoptChecked() ? Optional.empty() : adoptExisting(c, batch.kind(), a, state);
        if (adopted.isPresent()) {
          batches.succeeded(c.address(), adopted.get());
          continue;
        }
        say(c.address() + ": Creating...");
        state.markPending(c.address(), c.type());
        pending.add(c);
        attrs.add(a);
      } catch (Exception e) {
        memberFailed(batches, c, e);
      }
    }
    if (pending.isEmpty()) {
      return null;
    }
    List<String> ids = null;
    try {
      ids = batch.kind().createAll(ctx, attrs);
    } catch (Exception e) {
      say(batch.node() + ": the batch failed (" + message(e) + "); creating its " + pending.size() + " members one at a time");
    }
    for (int i = 0; i < pending.size(); i++) {
      PlannedChange c = pending.get(i);
      try {
        String id = ids != null ? ids.get(i) : batch.kind().create(ctx, attrs.get(i));
        created(c, id, attrs.get(i), state);
        batches.succeeded(c.address(), id);
      } catch (Exception e) {
        memberFailed(batches, c, e);
      }
    }
    return null;
  }

  /**
   * The deletes of one batch: members whose own dependencies (the changes that referred to them)
   * failed are left out, the rest go by one {@link Kind#deleteAll} and then leave the state one by
   * one. When the batch request fails, each member is deleted on its own (gone is success there), so
   * a bad member fails alone. A run killed mid-request keeps their state entries: the next plan
   * deletes them again, which finds them gone. Never throws: every member's result is in {@code batches}.
   */
  private String deleteBatch(Batches.Batch batch, Batches batches, Map<String, List<String>> graph,
                             Set<String> succeeded, StateSession state) {
    List<PlannedChange> pending = new ArrayList<>();
    for (PlannedChange c : batch.members()) {
      try {
        if (admitted(c, batches, graph, succeeded)) {
          say(c.address() + ": Destroying... [id=" + c.id() + "]");
          pending.add(c);
        }
      } catch (Exception e) {
        memberFailed(batches, c, e);
      }
    }
    if (pending.isEmpty()) {
      return null;
    }
    boolean together = false;
    try {
      batch.kind().deleteAll(ctx, pending.stream().map(PlannedChange::id).toList(),
          pending.stream().map(c -> c.prior().attributes()).toList());
      together = true;
    } catch (Exception e) {
      say(batch.node() + ": the batch failed (" + message(e) + "); deleting its " + pending.size() + " members one at a time");
    }
    for (PlannedChange c : pending) {
      try {
        if (!together) {
          batch.kind().delete(ctx, c.id(), c.prior().attributes());
        }
        state.remove(c.address());
        say(c.address() + ": Destruction complete");
        batches.deleted(c.address());
      } catch (Exception e) {
        memberFailed(batches, c, e);
      }
    }
    return null;
  }

  /**
   * Whether a batch member goes ahead: not when a change it waits for failed (it is then reported
   * blocked) or the run was asked to stop (then thrown: not started).
   */
  private boolean admitted(PlannedChange c, Batches batches, Map<String, List<String>> graph, Set<String> succeeded)
      throws IOException {
    Optional<String> blocked = batches.ownDependencies(c, graph).stream().filter(d -> !succeeded.contains(d)).findFirst();
    if (blocked.isPresent()) {
      batches.failed(c.address(), new Batches.Blocked(blocked.get()));
      return false;
    }
    if (stopping.getAsBoolean()) {
      throw new IOException("not started: the run was interrupted");
    }
    return true;
  }

  private void memberFailed(Batches batches, PlannedChange c, Exception e) {
    say("Error: " + c.address() + ": " + message(e));
    batches.failed(c.address(), e);
  }

  private ObjectNode resolve(PlannedChange c, Scope scope) throws EvalException {
    ObjectNode attrs = AttributeResolver.resolve(c.desired().attrs(), scope, c.address());
    if (Unknown.containsAny(attrs)) {
      throw new EvalException(c.address() + ": some values are still unknown at apply");
    }
    return attrs;
  }

  private StateEntry entry(PlannedChange c, String id, ObjectNode attrs, boolean adopted) throws IOException {
    return new StateEntry(c.type(), id, SensitiveValues.conceal(hashes.compareForm(attrs), c.sensitive(), salt),
        c.desired().references(), c.desired().dir(), c.sensitive(), adopted);
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
    }
  }

  private static String message(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
