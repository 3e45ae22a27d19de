package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.ConfigRefs;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.ResolvedVariables;
import io.dbsync.tf.expr.AttributeResolver;
import io.dbsync.tf.expr.BaseScope;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Scope;
import io.dbsync.tf.expr.Unknown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes a {@link Plan}: refreshes what the state knows (in parallel), then walks the desired
 * resources in reference order, resolving each one's attributes (a reference to a resource that will
 * be created or replaced is {@link Unknown}), diffing with {@link Differ}, and asking
 * {@link Kind#adopt} about resources the state does not know. State entries that are selected but no
 * longer desired become deletes. Finally each change gets the changes it must wait for: creates and
 * updates wait for what they reference, deletes wait for whatever referred to them.
 */
public final class Planner {
  private final KindRegistry kinds;
  private final ApplyContext ctx;
  private final ArtifactHashes hashes;
  private final String pathModule;
  private final int parallelism;
  private final boolean skipRefresh;
  private final ComputedAttributes computed;
  /** Per refreshed address, the content versions its refresh saw (see {@link #observedContentVersions}). */
  private final Map<String, ObjectNode> observedVersions = new ConcurrentHashMap<>();
  /** The refresh of state entries started before planning, or null. */
  private StateRefresh early;

  public Planner(KindRegistry kinds, ApplyContext ctx, ArtifactHashes hashes, String pathModule,
                 int parallelism, boolean skipRefresh) {
    this.kinds = kinds;
    this.ctx = ctx;
    this.hashes = hashes;
    this.pathModule = pathModule;
    this.parallelism = parallelism;
    this.skipRefresh = skipRefresh;
    this.computed = new ComputedAttributes(kinds, ctx);
  }

  /**
   * Plans with the refreshes of {@code started} (through this planner's context) where it covers the
   * state entries planned; the caller closes it.
   */
  public Planner refreshingEarly(StateRefresh started) {
    this.early = started;
    return this;
  }

  /**
   * What the refreshes of state entries saw of their artifacts, per address: the version the listing
   * showed and the hash answered (recorded or read), for the importer to record in the state
   * ({@code apply.ContentVersionRecorder}) where the object is known to hold what the state says.
   */
  public Map<String, ObjectNode> observedContentVersions() {
    return Map.copyOf(observedVersions);
  }

  /** Plan for a config whose resources are already filtered to the selection. */
  public Plan plan(DesiredConfig config, StateDocument state, ObjectTypeSelection selection,
                   ResolvedVariables vars) throws PlanException {
    Map<String, DesiredResource> desired = new LinkedHashMap<>();
    Set<String> dataNeeded = new TreeSet<>();
    for (DesiredResource r : config.resources()) {
      if (!kinds.knows(r.type())) {
        throw new PlanException(r.address() + " (" + r.file() + "): no kind handles type " + r.type());
      }
      desired.put(r.address(), r);
      try {
        dataNeeded.addAll(ConfigRefs.dataSources(r.attrs(), r.address()));
      } catch (ConfigException e) {
        throw new PlanException(e.getMessage(), e);
      }
    }
    Scope variablesOnly = new BaseScope(vars.values(), Map.of(), pathModule) {
      @Override
      public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
        throw new EvalException("data sources cannot refer to resources (" + type + "." + name + ")");
      }
    };
    List<String> needed = toRefresh(desired.values(), state);
    List<String> missed = early == null ? needed : needed.stream().filter(a -> !early.covers(a)).toList();
    // what the early refresh does not cover is refreshed now, while the data sources are read
    try (StateRefresh now = missed.isEmpty() ? null : StateRefresh.start(kinds, ctx, state, missed, parallelism)) {
      Map<String, ObjectNode> data = DataSourceReader.read(dataNeeded, config.dataSources(), kinds, ctx,
          variablesOnly);
      Set<String> refreshing = new HashSet<>(needed);
      // each resource waits for its own refresh only (the plan of the others goes on meanwhile); a
      // failed refresh fails the plan with every refresh failure, whatever else the walk found
      return planRefreshed(config, state, selection, vars, desired, data,
          address -> refreshing.contains(address) ? refreshOf(address, now) : null, () -> checkRefreshes(needed, now));
    }
  }

  /** A resource's refreshed attributes, waited for (null when it is not refreshed). */
  @FunctionalInterface
  private interface RefreshWait {
    Optional<ObjectNode> of(String address) throws PlanException;
  }

  /** All refreshes, waited for: throws the plan's failure when any failed. */
  @FunctionalInterface
  private interface RefreshCheck {
    void check() throws PlanException;
  }

  private Optional<ObjectNode> refreshOf(String address, StateRefresh now) throws PlanException {
    StateRefresh r = early != null && early.covers(address) ? early : now;
    return r.attributes(address);
  }

  private Plan planRefreshed(DesiredConfig config, StateDocument state, ObjectTypeSelection selection,
                             ResolvedVariables vars, Map<String, DesiredResource> desired, Map<String, ObjectNode> data,
                             RefreshWait refreshed, RefreshCheck refreshes) throws PlanException {
    Map<String, PlannedChange> results = new ConcurrentHashMap<>();
    Map<String, ObjectNode> applyForms = new ConcurrentHashMap<>();
    Map<String, Mirror.Children> children = new ConcurrentHashMap<>();
    Scope scope = new BaseScope(vars.values(), data, pathModule) {
      @Override
      public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
        return planTimeReference(type + "." + name, attr, results, applyForms, desired, state, selection, computed);
      }
    };
    Map<String, List<String>> graph = new LinkedHashMap<>();
    desired.values().forEach(r -> graph.put(r.address(), r.references().stream().filter(desired::containsKey).toList()));
    Map<String, DagExecutor.Outcome<PlannedChange>> outcomes;
    try {
      DagExecutor.Schedule schedule = FamilySchedule.of(graph, a -> desired.get(a).type(), false, parallelism);
      outcomes = DagExecutor.run(graph, parallelism, schedule, address -> {
        DesiredResource r = desired.get(address);
        PlannedChange c = planOne(r, scope, state, refreshed, vars, applyForms);
        results.put(address, c);
        if (!skipRefresh) {
          children.put(address, Mirror.read(c, applyForms.get(address), kinds, ctx));
        }
        return c;
      });
    } catch (DagExecutor.CycleException e) {
      refreshes.check();
      throw new PlanException("references form a cycle: " + e.getMessage(), e);
    }
    refreshes.check();
    List<String> errors = new ArrayList<>();
    boolean inputErrors = outcomes.values().stream().map(DagExecutor.Outcome::error).filter(e -> e != null)
        .allMatch(e -> e instanceof EvalException || e instanceof ConfigException
            || (e instanceof PlanException p && p.inputError()));
    outcomes.forEach((address, o) -> {
      if (o.error() != null) {
        String where = " (" + config.exportsDir().relativize(desired.get(address).file()) + ")";
        errors.add((o.error() instanceof EvalException || o.error() instanceof PlanException
            || o.error() instanceof ConfigException
            ? o.error().getMessage() : "planning " + address + ": " + o.error()) + where);
      }
    });
    if (!errors.isEmpty()) {
      throw new PlanException("planning failed:\n  " + String.join("\n  ", errors), inputErrors);
    }
    List<PlannedChange> changes = new ArrayList<>(results.values());
    for (Map.Entry<String, StateEntry> e : state.resources().entrySet()) {
      if (!desired.containsKey(e.getKey()) && selection.includesState(e.getKey(), e.getValue().dir())) {
        changes.add(deletion(e.getKey(), e.getValue(), "it is no longer in the configuration"));
      }
    }
    Mirror.Result mirror = skipRefresh ? Mirror.Result.NONE : Mirror.removals(new ArrayList<>(results.values()),
        applyForms, c -> identityForm(desired.get(c.address()), applyForms, results, state, vars, data), state, kinds,
        children);
    changes = Releases.cascade(changes, this::attachment);
    changes.addAll(mirror.removals());
    changes = Sequences.resettle(changes, kinds);
    Map<String, Set<String>> edges = new HashMap<>(Sequences.edges(changes, kinds));
    mirror.edges().forEach((address, deps) -> edges.merge(address, deps, (a, b) -> {
      Set<String> both = new TreeSet<>(a);
      both.addAll(b);
      return both;
    }));
    return new Plan(order(changes, edges), data, false);
  }

  /**
   * The resolved attributes of {@code r} with every reference whose value is known before apply resolved
   * (a scope still to be created has its name), where the apply form leaves them unknown: how the
   * mirror tells the target ids of declared children of a new container.
   */
  private ObjectNode identityForm(DesiredResource r, Map<String, ObjectNode> applyForms,
                                  Map<String, PlannedChange> results, StateDocument state, ResolvedVariables vars,
                                  Map<String, ObjectNode> data) {
    ObjectNode apply = applyForms.get(r.address());
    if (!Unknown.containsAny(apply)) {
      return apply;
    }
    Scope known = new BaseScope(vars.values(), data, pathModule) {
      @Override
      public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
        String address = type + "." + name;
        ObjectNode form = applyForms.get(address);
        if (form != null && form.hasNonNull(attr)) {
          return form.get(attr);
        }
        PlannedChange p = results.get(address);
        if (p != null) {
          boolean newId = p.action() == Action.CREATE || p.action() == Action.REPLACE;
          return attr.equals("id") && !newId ? TextNode.valueOf(p.id()) : Unknown.NODE;
        }
        Optional<StateEntry> st = state.get(address);
        return st.isPresent() ? stateAttribute(address, st.get(), attr, computed) : Unknown.NODE;
      }
    };
    try {
      return AttributeResolver.resolve(r.attrs(), known, r.address());
    } catch (EvalException e) {
      return apply;
    }
  }

  /** --destroy: delete every selected state entry. */
  public Plan planDestroy(StateDocument state, ObjectTypeSelection selection) throws PlanException {
    List<PlannedChange> changes = new ArrayList<>();
    for (Map.Entry<String, StateEntry> e : state.resources().entrySet()) {
      if (selection.includesState(e.getKey(), e.getValue().dir())) {
        changes.add(deletion(e.getKey(), e.getValue(), "destroy requested"));
      }
    }
    return new Plan(order(Releases.cascade(changes, this::attachment), Map.of()), Map.of(), true);
  }

  /** Resources of resource-only kinds are attached to the object they are emitted with (Releases). */
  private boolean attachment(String type) {
    return kinds.resourceOnly(type);
  }

  private PlannedChange deletion(String address, StateEntry e, String reason) throws PlanException {
    Kind kind = kinds.forObject(e.type(), e.id(), e.attributes())
        .orElseThrow(() -> new PlanException(address + " is in state but no kind handles type " + e.type()));
    try {
      if (kind.sharedWithSource(ctx, e.attributes())) {
        return PlannedChange.release(address, e, reason + "; the target shares it with the source, so it is kept");
      }
    } catch (IOException e2) {
      throw new PlanException(address + ": " + e2.getMessage(), e2);
    }
    return PlannedChange.delete(address, e, reason);
  }

  /** The desired resources the state has: the entries a plan refreshes (none with --skip-refresh). */
  private List<String> toRefresh(Iterable<DesiredResource> desired, StateDocument state) {
    List<String> needed = new ArrayList<>();
    if (!skipRefresh) {
      for (DesiredResource r : desired) {
        if (state.get(r.address()).isPresent()) {
          needed.add(r.address());
        }
      }
    }
    return needed;
  }

  /**
   * Waits for the refreshes of {@code needed} (from the refresh started before planning,
   * {@link #refreshingEarly}, as far as it covers them, the rest from {@code now}), records the content
   * versions they saw, and fails the plan naming every refresh that failed.
   */
  private void checkRefreshes(List<String> needed, StateRefresh now) throws PlanException {
    Map<String, Optional<ObjectNode>> out = new HashMap<>();
    Map<String, String> errors = new TreeMap<>();
    if (early != null) {
      early.collect(needed.stream().filter(early::covers).toList(), out, observedVersions, errors);
    }
    if (now != null) {
      now.collect(needed.stream().filter(now::covers).toList(), out, observedVersions, errors);
    }
    StateRefresh.failIfAny(errors);
  }

  private PlannedChange planOne(DesiredResource r, Scope scope, StateDocument state,
                                RefreshWait refreshes, ResolvedVariables vars,
                                Map<String, ObjectNode> applyForms)
      throws IOException, EvalException, ConfigException, PlanException {
    ObjectNode apply = AttributeResolver.resolve(r.attrs(), scope, r.address());
    Kind kind = kinds.forObject(r.type(), null, apply)
        .orElseThrow(() -> new PlanException(r.address() + ": no kind of " + r.type() + " handles it"));
    applyForms.put(r.address(), apply);
    ObjectNode after = compareForm(apply, r.address());
    Set<String> sensitive = sensitiveKeys(r, vars);
    Optional<StateEntry> st = state.get(r.address());
    Optional<ObjectNode> refreshed = refreshes.of(r.address());
    if (kind.sharedWithSource(ctx, apply)) {
      return planShared(kind, r, apply, after, sensitive, st, refreshed);
    }
    String reason = null;
    if (st.isPresent()) {
      StateEntry e = st.get();
      Set<String> sens = new TreeSet<>(sensitive);
      sens.addAll(e.sensitive());
      ObjectNode lastApplied = SensitiveValues.revealMatching(e.attributes(), after, sens, state.lineage());
      Optional<ObjectNode> current = skipRefresh ? Optional.of(lastApplied) : refreshed;
      if (current != null && current.isPresent()) {
        Differ.Result d = Differ.diff(after, current.get(), lastApplied, kind.forceNew(), kind.replaceOnAnyChange(),
            kind.writeOnly());
        return PlannedChange.update(r, e, current.get(), after, d, sens);
      }
      reason = "the object no longer exists in the target";
    }
    if (!skipRefresh && !Unknown.containsAny(apply)) {
      Optional<String> adopted = kind.adopt(ctx, apply);
      if (adopted.isPresent()) {
        ObjectNode current = kind.refresh(ctx, adopted.get()).orElse(after.objectNode());
        Differ.Result d = Differ.diff(after, current, null, Set.of(), false);
        return PlannedChange.adopt(r, adopted.get(), current, after, d.changes(), sensitive, st.orElse(null));
      }
      return PlannedChange.create(r, after, sensitive, st.orElse(null), reason, true);
    }
    // an object that cannot exist before what the run creates needs no adopt at apply either
    return PlannedChange.create(r, after, sensitive, st.orElse(null), reason, !skipRefresh && !kind.mayPreexist(apply));
  }

  /**
   * An object the target shares with the source (Kind#sharedWithSource): in sync when the state has it
   * and it is there, adopted as it is when the target shows it, else left alone; never written.
   */
  private PlannedChange planShared(Kind kind, DesiredResource r, ObjectNode apply, ObjectNode after,
                                   Set<String> sensitive, Optional<StateEntry> st, Optional<ObjectNode> refreshed)
      throws IOException {
    Optional<ObjectNode> current = skipRefresh ? st.map(StateEntry::attributes) : refreshed;
    if (st.isPresent() && current != null && current.isPresent()) {
      return PlannedChange.update(r, st.get(), current.get(), after, new Differ.Result(List.of(), false), sensitive);
    }
    Optional<String> found = skipRefresh || Unknown.containsAny(apply) ? Optional.empty() : kind.adopt(ctx, apply);
    if (found.isEmpty()) {
      return PlannedChange.unseenShared(r, after, sensitive, st.orElse(null), "the target shares it with the source "
          + "but this workspace does not see it (e.g. isolated and bound elsewhere); nothing is done");
    }
    ObjectNode seen = kind.refresh(ctx, found.get()).orElse(after.objectNode());
    int differing = Differ.diff(after, seen, null, Set.of(), false).changes().size();
    return PlannedChange.adoptShared(r, found.get(), seen, after, sensitive, st.orElse(null),
        "the target shares it with the source: adopted as it is, never written"
            + (differing == 0 ? "" : " (" + differing + " attribute(s) differ and are left alone)"));
  }

  private ObjectNode compareForm(ObjectNode apply, String address) throws PlanException {
    try {
      return hashes.compareForm(apply);
    } catch (IOException e) {
      throw new PlanException(address + ": cannot read artifact: " + e.getMessage(), e);
    }
  }

  private static JsonNode planTimeReference(String address, String attr, Map<String, PlannedChange> results,
                                            Map<String, ObjectNode> applyForms,
                                            Map<String, DesiredResource> desired, StateDocument state,
                                            ObjectTypeSelection selection, ComputedAttributes computed)
      throws EvalException {
    PlannedChange p = results.get(address);
    if (p != null && p.action() == Action.NOOP && p.id() == null) {
      return Unknown.NODE; // a shared object this workspace does not see: what refers to it is unknown too
    }
    if (p != null) {
      // Everything about an object that is still to be (re)created counts as unknown, not only its
      // id: children that live inside it (secrets in a replaced scope) must be re-applied too.
      if (p.action() == Action.CREATE || p.action() == Action.REPLACE) {
        return Unknown.NODE;
      }
      if (attr.equals("id")) {
        return TextNode.valueOf(p.id());
      }
      JsonNode v = applyForms.get(address).get(attr);
      if (v != null && !v.isNull()) {
        return v;
      }
      if (p.prior() != null && p.prior().attributes().hasNonNull(attr)) {
        return p.prior().attributes().get(attr);
      }
      return computed.of(address, p.type(), p.id(), attr, address + " has no attribute \"" + attr + "\" known before apply");
    }
    if (desired.containsKey(address)) {
      throw new EvalException(address + " is referenced before it was planned");
    }
    Optional<StateEntry> st = state.get(address);
    if (st.isPresent()) {
      return stateAttribute(address, st.get(), attr, computed);
    }
    throw new EvalException("reference to undeclared resource " + address
        + (selection.selectsEverything() ? "" : " (not selected by --databricks-object-type and not in state)"));
  }

  /**
   * A reference resolved from a state entry: "id" is the target id, other attributes last-applied,
   * else computed by the target ({@link ComputedAttributes}).
   */
  public static JsonNode stateAttribute(String address, StateEntry e, String attr, ComputedAttributes computed)
      throws EvalException {
    if (attr.equals("id")) {
      return TextNode.valueOf(e.id());
    }
    JsonNode v = e.attributes().get(attr);
    if (v == null || v.isNull()) {
      return computed.of(address, e.type(), e.id(), attr, address + " has no attribute \"" + attr + "\" in state");
    }
    return v;
  }

  /** Top-level attributes whose raw value mentions a sensitive variable. */
  static Set<String> sensitiveKeys(DesiredResource r, ResolvedVariables vars) throws ConfigException {
    Set<String> out = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = r.attrs().properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String v : ConfigRefs.variables(e.getValue(), r.address())) {
        if (vars.isSensitive(v)) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }

  /**
   * Sorts by address and fills in what each change waits for (its references, or for a delete what
   * referred to it, plus {@code extraEdges}); rejects cycles.
   */
  static List<PlannedChange> order(List<PlannedChange> changes, Map<String, Set<String>> extraEdges)
      throws PlanException {
    Map<String, PlannedChange> byAddress = new HashMap<>();
    changes.forEach(c -> byAddress.put(c.address(), c));
    Set<String> active = new HashSet<>();
    changes.stream().filter(PlannedChange::isChange).forEach(c -> active.add(c.address()));
    // address -> changes whose state entry referred to it (a delete waits for them): one pass, not one per delete
    Map<String, List<String>> referrers = new HashMap<>();
    for (PlannedChange z : changes) {
      if (z.prior() != null) {
        z.prior().dependencies().forEach(d -> referrers.computeIfAbsent(d, k -> new ArrayList<>()).add(z.address()));
      }
    }
    List<PlannedChange> out = new ArrayList<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (PlannedChange c : changes) {
      Set<String> deps = new TreeSet<>();
      if (c.action() == Action.RELEASE) {
        // only the state changes: nothing to order against
      } else if (c.isChange() && c.action() != Action.DELETE) {
        for (String ref : c.desired().references()) {
          PlannedChange t = byAddress.get(ref);
          if (t != null && active.contains(ref) && t.action() != Action.DELETE) {
            deps.add(ref);
          }
        }
      } else if (c.action() == Action.DELETE) {
        for (String z : referrers.getOrDefault(c.address(), List.of())) {
          if (!z.equals(c.address()) && active.contains(z)) {
            deps.add(z);
          }
        }
      }
      if (c.isChange()) {
        deps.addAll(extraEdges.getOrDefault(c.address(), Set.of()));
      }
      PlannedChange withDeps = c.withDependencies(new ArrayList<>(deps));
      out.add(withDeps);
      if (c.isChange()) {
        graph.put(c.address(), withDeps.dependencies());
      }
    }
    try {
      DagExecutor.topologicalOrder(graph);
    } catch (DagExecutor.CycleException e) {
      throw new PlanException("the changes cannot be ordered: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(PlannedChange::address));
    return out;
  }
}
