package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.CoercedVariables;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.BooleanValue;
import graphql.language.Document;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FastSchemaGenerator;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Shopify's real Admin GraphQL schema (2026-10), built once per JVM from the introspection result
 * shipped in {@code /sandbox/admin-graphql-2026-10.introspection.json.gz}, wired to the sandbox's
 * data fetchers. Loading costs about a second; every {@link ShopifySandbox} shares the result.
 */
final class ShopifySandboxSchema {

    static final String RESOURCE = "/sandbox/admin-graphql-2026-10.introspection.json.gz";

    /** Key under which the per-request {@link ShopifySandbox.RequestScope} sits in the GraphQLContext. */
    static final String SCOPE_KEY = "shopifySandbox.scope";

    private final GraphQLSchema schema;
    private final GraphQL graphQL;
    private final CachingDocumentProvider documents;
    private final long loadMillis;
    private final String loadBreakdown;

    private ShopifySandboxSchema() {
        long t0 = System.nanoTime();
        Map<String, Object> introspection = readIntrospection();
        long t1 = System.nanoTime();
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(introspection);
        long t2 = System.nanoTime();
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
        long t3 = System.nanoTime();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new PassThroughWiring())
                .type("QueryRoot", b -> b
                        .dataFetcher("shop", fetcher(ShopifySandbox.RequestScope::shop))
                        .dataFetcher("customers", fetcher(ShopifySandbox.RequestScope::customers))
                        .dataFetcher("customer", fetcher(ShopifySandbox.RequestScope::customer))
                        .dataFetcher("customersCount", fetcher(ShopifySandbox.RequestScope::customersCount))
                        .dataFetcher("currentAppInstallation",
                                fetcher(ShopifySandbox.RequestScope::currentAppInstallation))
                        .dataFetcher("webhookSubscriptions", fetcher((scope, env) -> scope.webhooks().list(env)))
                        .dataFetcher("bulkOperation", fetcher((scope, env) -> scope.bulk().operation(env)))
                        .dataFetcher("currentBulkOperation", fetcher((scope, env) -> scope.bulk().current(env))))
                .type("Mutation", b -> b
                        .dataFetcher("bulkOperationRunQuery", fetcher((scope, env) -> scope.bulk().runQuery(env)))
                        .dataFetcher("webhookSubscriptionCreate", fetcher((scope, env) -> scope.webhooks().create(env)))
                        .dataFetcher("webhookSubscriptionUpdate", fetcher((scope, env) -> scope.webhooks().update(env))))
                .type("Shop", b -> b
                        .dataFetcher("customers", fetcher(ShopifySandbox.RequestScope::customers)))
                .build();
        // Shopify's schema is valid by construction: the fast generator skips the schema checks and
        // keeps no AST copies, which halves the build time.
        SchemaGenerator.Options options = SchemaGenerator.Options.defaultOptions()
                .withValidation(false)
                .captureAstDefinitions(false);
        this.schema = new FastSchemaGenerator().makeExecutableSchema(options, registry, wiring);
        this.documents = new CachingDocumentProvider();
        this.documents.schema = schema;
        this.graphQL = GraphQL.newGraphQL(schema)
                .preparsedDocumentProvider(documents)
                .build();
        long t4 = System.nanoTime();
        this.loadMillis = (t4 - t0) / 1_000_000;
        this.loadBreakdown = String.format(Locale.ROOT, "json %d ms, sdl %d ms, registry %d ms, generate %d ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    private static final class Holder {
        static final ShopifySandboxSchema INSTANCE = new ShopifySandboxSchema();
    }

    /** The shared instance; the first call loads the schema (about 1-2 s). */
    static ShopifySandboxSchema get() {
        return Holder.INSTANCE;
    }

    /** Where the load time went, for logs. */
    String loadBreakdown() {
        return loadBreakdown;
    }

    GraphQLSchema schema() {
        return schema;
    }

    GraphQL graphQL() {
        return graphQL;
    }

    /** How long the one-time load took, in milliseconds. */
    long loadMillis() {
        return loadMillis;
    }

    private static DataFetcher<Object> fetcher(
            java.util.function.BiFunction<ShopifySandbox.RequestScope, graphql.schema.DataFetchingEnvironment, Object> f) {
        return env -> {
            GraphQLContext ctx = env.getGraphQlContext();
            ShopifySandbox.RequestScope scope = ctx.get(SCOPE_KEY);
            return f.apply(scope, env);
        };
    }

    private static Map<String, Object> readIntrospection() {
        try (InputStream raw = ShopifySandboxSchema.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            Map<String, Object> root = new ObjectMapper().readValue(new GZIPInputStream(raw, 1 << 16),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) root.getOrDefault("data", root);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Pass-through scalars for Shopify's custom scalars (DateTime, UnsignedInt64, Money, URL, ...):
     * values stay strings, as Shopify sends them; a type resolver by {@code __typename} for every
     * interface and union (the schema generator insists on one).
     */
    private static final class PassThroughWiring implements WiringFactory {
        @Override
        public boolean providesScalar(ScalarWiringEnvironment env) {
            return !ScalarInfo.isGraphqlSpecifiedScalar(env.getScalarTypeDefinition().getName());
        }

        @Override
        public GraphQLScalarType getScalar(ScalarWiringEnvironment env) {
            String name = env.getScalarTypeDefinition().getName();
            return GraphQLScalarType.newScalar()
                    .name(name)
                    .description("Shopify scalar " + name + " (sandbox pass-through)")
                    .coercing(new PassThroughCoercing(name))
                    .build();
        }

        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment env) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment env) {
            return BY_TYPENAME;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment env) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment env) {
            return BY_TYPENAME;
        }

        private static final TypeResolver BY_TYPENAME = env -> {
            Object src = env.getObject();
            if (src instanceof Map<?, ?> m && m.get("__typename") instanceof String t) {
                return env.getSchema().getObjectType(t);
            }
            return null;
        };
    }

    private static final class PassThroughCoercing implements Coercing<Object, Object> {
        private final String name;

        PassThroughCoercing(String name) {
            this.name = name;
        }

        @Override
        public Object serialize(Object value, GraphQLContext ctx, Locale locale) {
            if (value instanceof String || value instanceof Map || value instanceof java.util.List
                    || value instanceof Boolean) {
                return value;
            }
            return String.valueOf(value);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext ctx, Locale locale) {
            if (input == null) {
                throw new CoercingParseValueException("null is not a valid " + name);
            }
            return "JSON".equals(name) ? input : (input instanceof String ? input : String.valueOf(input));
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext ctx, Locale locale) {
            if (input instanceof StringValue s) {
                return s.getValue();
            }
            if (input instanceof IntValue i) {
                return i.getValue().toString();
            }
            if (input instanceof FloatValue f) {
                return f.getValue().toPlainString();
            }
            if (input instanceof BooleanValue b) {
                return String.valueOf(b.isValue());
            }
            throw new CoercingParseLiteralException("Invalid literal for scalar " + name + ": " + input);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext ctx, Locale locale) {
            return StringValue.of(String.valueOf(input));
        }
    }

    /**
     * The query parsed and validated against the schema (cached by query text: a pager repeats the
     * same query); the entry holds either the document or the syntax/validation errors.
     */
    PreparsedDocumentEntry prepare(String query) {
        return documents.entry(query);
    }

    /** Parsed-and-validated documents cached by query text, shared by the handler and execution. */
    private static final class CachingDocumentProvider implements PreparsedDocumentProvider {
        private static final int MAX = 256;
        private GraphQLSchema schema;
        private final Map<String, PreparsedDocumentEntry> cache =
                new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> e) {
                        return size() > MAX;
                    }
                };

        PreparsedDocumentEntry entry(String query) {
            PreparsedDocumentEntry hit;
            synchronized (cache) {
                hit = cache.get(query);
            }
            if (hit == null) {
                ParseAndValidateResult parsed = ParseAndValidate.parse(
                        graphql.ExecutionInput.newExecutionInput().query(query).build());
                if (parsed.isFailure()) {
                    hit = new PreparsedDocumentEntry(parsed.getErrors());
                } else {
                    Document doc = parsed.getDocument();
                    List<ValidationError> errors = ParseAndValidate.validate(schema, doc, Locale.ENGLISH);
                    hit = errors.isEmpty() ? new PreparsedDocumentEntry(doc) : new PreparsedDocumentEntry(doc, errors);
                }
                synchronized (cache) {
                    cache.put(query, hit);
                }
            }
            return hit;
        }

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
                graphql.ExecutionInput input, Function<graphql.ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            return CompletableFuture.completedFuture(entry(input.getQuery()));
        }
    }
}
