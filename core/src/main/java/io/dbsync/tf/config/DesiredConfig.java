package io.dbsync.tf.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Everything the revision declares: resources (sorted by address), variables, data sources. */
public record DesiredConfig(Path exportsDir, List<DesiredResource> resources,
                            Map<String, VariableDecl> variables, Map<String, DataSourceDecl> dataSources) {
  public DesiredConfig {
    resources = List.copyOf(resources);
    variables = Map.copyOf(variables);
    dataSources = Map.copyOf(dataSources);
  }

  /** The same config with only the resources the predicate keeps (variables and data stay). */
  public DesiredConfig filter(Predicate<DesiredResource> keep) {
    return new DesiredConfig(exportsDir, resources.stream().filter(keep).toList(), variables, dataSources);
  }
}
