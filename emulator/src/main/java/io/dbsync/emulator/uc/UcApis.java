package io.dbsync.emulator.uc;

/** The handlers of one workspace's Unity Catalog API, built together because some use others. */
record UcApis(MetastoreApi metastore, CatalogsApi catalogs, SchemasApi schemas, VolumesApi volumes, TablesApi tables,
              RegisteredModelsApi models, StorageCredentialsApi credentials, ExternalLocationsApi locations,
              ConnectionsApi connections, GrantsApi grants, BindingsApi bindings, UcSql sql) {

  static UcApis create(UcContext ctx) {
    SchemasApi schemas = new SchemasApi(ctx);
    CatalogsApi catalogs = new CatalogsApi(ctx, schemas);
    TablesApi tables = new TablesApi(ctx);
    GrantsApi grants = new GrantsApi(ctx);
    return new UcApis(new MetastoreApi(ctx), catalogs, schemas, new VolumesApi(ctx), tables,
        new RegisteredModelsApi(ctx), new StorageCredentialsApi(ctx), new ExternalLocationsApi(ctx),
        new ConnectionsApi(ctx), grants, new BindingsApi(ctx), new UcSql(ctx, catalogs, schemas, tables, grants));
  }

  void register(UcRoutes routes) {
    metastore.register(routes);
    catalogs.register(routes);
    schemas.register(routes);
    volumes.register(routes);
    tables.register(routes);
    models.register(routes);
    credentials.register(routes);
    locations.register(routes);
    connections.register(routes);
    grants.register(routes);
    bindings.register(routes);
  }
}
