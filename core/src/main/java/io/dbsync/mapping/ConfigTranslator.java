package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.ConfigRefs;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.PrincipalDependencies;
import io.dbsync.tf.config.VariableDecl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One translation of a configuration, in a fixed order: instance profiles (which decide what is left
 * out), then per resource the string rewrites, group renames, node types, cloud attribute blocks, policy
 * definitions, storage blocks and mounts, and the check for storage of another cloud; then the missing-principals
 * policy; then what only refers to left-out resources is left out too; then variable defaults.
 */
final class ConfigTranslator {
  private final TranslationRun run;

  ConfigTranslator(Mapping mapping, Target target) {
    this.run = new TranslationRun(mapping, target);
  }

  Translation translate(DesiredConfig config) {
    for (DesiredResource r : config.resources()) {
      run.attrs.put(r.address(), r.attrs().deepCopy());
      run.types.put(r.address(), r.type());
    }
    if (run.target.sourceCloud() == null && run.targetCloud() != null) {
      run.summary.count("the export does not record its cloud (made before exports recorded it): nothing is "
          + "translated between clouds; export again to record it");
    }
    InstanceProfiles.apply(run);
    for (String address : run.kept()) {
      String type = run.types.get(address);
      ObjectNode attrs = run.attrs.get(address);
      StringRewrites.apply(run, attrs);
      PrincipalFields.renameGroups(run, type, attrs);
      NodeTypes.apply(run, address, attrs);
      if (run.crossCloud()) {
        CloudBlocks.apply(run, type, attrs);
      }
      PolicyDefinitions.apply(run, address, type, attrs);
      StorageLocations.destinationBlocks(run, attrs);
      StorageLocations.mount(run, address, type, attrs);
      StorageLocations.checkForeign(run, address, attrs);
    }
    MissingPrincipals.apply(run);
    if (!run.summary.droppedLines().isEmpty()) {
      leaveOutWhatRefersToLeftOut();
    }
    return new Translation(rebuild(config), run.target.sourceCloud(), run.targetCloud(), run.summary.applied(),
        run.summary.droppedLines(), run.needs.list());
  }

  /** A resource whose attributes still refer to a left-out resource cannot be planned: it is left out too. */
  private void leaveOutWhatRefersToLeftOut() {
    boolean more = true;
    while (more) {
      more = false;
      for (String address : run.kept()) {
        for (String ref : references(address)) {
          if (run.dropped(ref)) {
            run.drop(address, "refers to " + ref + ", which is left out");
            more = true;
            break;
          }
        }
      }
    }
  }

  private List<String> references(String address) {
    try {
      return new ArrayList<>(ConfigRefs.resources(run.attrs.get(address), address));
    } catch (ConfigException e) {
      return List.of(); // the planner reports malformed expressions with their file
    }
  }

  private DesiredConfig rebuild(DesiredConfig config) {
    List<DesiredResource> out = new ArrayList<>();
    for (DesiredResource r : config.resources()) {
      if (run.dropped(r.address())) {
        continue;
      }
      ObjectNode attrs = run.attrs.get(r.address());
      if (attrs.equals(r.attrs())) {
        out.add(r);
      } else {
        out.add(new DesiredResource(r.type(), r.name(), attrs,
            r.references().stream().filter(ref -> !run.dropped(ref)).toList(), r.dir(), r.file()));
      }
    }
    Map<String, VariableDecl> variables = new LinkedHashMap<>();
    config.variables().forEach((name, v) -> variables.put(name, variable(v)));
    // a renamed ACL may now name a principal this import declares: order it after its creation
    return new DesiredConfig(config.exportsDir(), PrincipalDependencies.add(out), variables, config.dataSources());
  }

  /** Storage, path and principal rewrites of a variable's default (values given at import are used as given). */
  private VariableDecl variable(VariableDecl v) {
    JsonNode d = v.defaultValue();
    if (d == null || d.isNull()) {
      return v;
    }
    JsonNode rewritten;
    if (d.isTextual()) {
      rewritten = TextNode.valueOf(StringRewrites.rewrite(run, d.asText()));
    } else {
      rewritten = d.deepCopy();
      TranslationRun.rewriteStrings(rewritten, s -> StringRewrites.rewrite(run, s));
    }
    return rewritten.equals(d) ? v : new VariableDecl(v.name(), v.type(), rewritten, v.sensitive(), v.description());
  }
}
