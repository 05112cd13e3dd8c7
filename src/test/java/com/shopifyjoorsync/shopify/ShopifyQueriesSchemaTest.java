package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.CoercedVariables;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.schema.Coercing;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.TypeResolver;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the documents of {@link ShopifyQueries} against Shopify's real Admin schema (version
 * 2026-10, from introspection), and proves that the check can fail.
 */
class ShopifyQueriesSchemaTest {

    private static final String INTROSPECTION = "/sandbox/admin-graphql-2026-10.introspection.json.gz";

    private static GraphQLSchema schema;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadSchema() throws IOException {
        Map<String, Object> introspection;
        try (InputStream in = ShopifyQueriesSchemaTest.class.getResourceAsStream(INTROSPECTION)) {
            assertThat(in).as(INTROSPECTION + " on the classpath").isNotNull();
            introspection = new ObjectMapper().readValue(new GZIPInputStream(in), Map.class);
        }
        Document sdl = new IntrospectionResultToSchema()
                .createSchemaDefinition((Map<String, Object>) introspection.get("data"));
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
        // validation needs no data: scalars pass through, interfaces and unions resolve to nothing
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new NoTypeResolution());
        registry.scalars().keySet().stream()
                .filter(name -> !ScalarInfo.isGraphqlSpecifiedScalar(name))
                .forEach(name -> wiring.scalar(passThroughScalar(name)));
        schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        assertThat(schema.getQueryType().getName()).isEqualTo("QueryRoot");
    }

    @Test
    void shopQueryIsValid() {
        assertThat(validationErrors(ShopifyQueries.SHOP)).isEmpty();
    }

    @Test
    void customersPageQueryIsValid() {
        assertThat(validationErrors(ShopifyQueries.CUSTOMERS_PAGE)).isEmpty();
    }

    @Test
    void customersCountQueryIsValid() {
        assertThat(validationErrors(ShopifyQueries.CUSTOMERS_COUNT)).isEmpty();
        assertThat(deprecatedUses(ShopifyQueries.CUSTOMERS_COUNT)).isEmpty();
    }

    @Test
    void accessScopesQueryIsValid() {
        assertThat(validationErrors(ShopifyQueries.ACCESS_SCOPES)).isEmpty();
        assertThat(deprecatedUses(ShopifyQueries.ACCESS_SCOPES)).isEmpty();
    }

    @Test
    void webhookSubscriptionQueryAndMutationsAreValid() {
        for (String query : List.of(ShopifyQueries.WEBHOOK_SUBSCRIPTIONS, ShopifyQueries.WEBHOOK_SUBSCRIPTION_CREATE,
                ShopifyQueries.WEBHOOK_SUBSCRIPTION_UPDATE)) {
            assertThat(validationErrors(query)).as(query).isEmpty();
            assertThat(deprecatedUses(query)).as(query).isEmpty();
        }
    }

    @Test
    void bulkReadMutationPollAndTheQueryTheyRunAreValid() {
        for (String query : List.of(ShopifyQueries.BULK_CUSTOMERS_RUN, ShopifyQueries.BULK_OPERATION,
                // the query the bulk operation runs, with a search as the cycle builds it (quotes and all)
                ShopifyQueries.bulkCustomersQuery(CustomerSearchQuery.build(List.of("JOOR_ENABLED", "Whole \"sale\""),
                        java.time.Instant.parse("2026-11-01T00:00:00Z"))),
                ShopifyQueries.bulkCustomersQuery(null))) {
            assertThat(validationErrors(query)).as(query).isEmpty();
            assertThat(deprecatedUses(query)).as(query).isEmpty();
        }
    }

    @Test
    void theDeprecationCheckFindsTheDeprecatedCallbackUrlOfAMutation() {
        assertThat(deprecatedUses("mutation { webhookSubscriptionCreate(topic: CUSTOMERS_UPDATE, webhookSubscription:"
                + " {uri: \"https://x.example\"}) { webhookSubscription { id callbackUrl } } }"))
                .containsExactly("webhookSubscriptionCreate.webhookSubscription.callbackUrl");
    }

    @Test
    void aQuerySelectingAnUnknownFieldIsRejected() {
        assertThat(validationErrors("query { customers(first: 1) { nodes { emailAddresss } } }"))
                .anySatisfy(error -> assertThat(error).contains("emailAddresss"));
    }

    @Test
    void aQueryWithAWrongVariableTypeIsRejected() {
        assertThat(validationErrors("query($first: String) { customers(first: $first) { nodes { id } } }"))
                .isNotEmpty();
    }

    @Test
    void noDeprecatedFieldArgumentOrEnumValueIsUsed() {
        assertThat(deprecatedUses(ShopifyQueries.SHOP)).isEmpty();
        assertThat(deprecatedUses(ShopifyQueries.CUSTOMERS_PAGE)).isEmpty();
    }

    @Test
    void theDeprecationCheckFindsDeprecatedFields() {
        assertThat(deprecatedUses("query { customers(first: 1) { nodes { id email phone } } }"))
                .containsExactly("customers.nodes.email", "customers.nodes.phone");
    }

    @Test
    void theCustomersQuerySelectsWhatTheSyncNeeds() {
        String query = ShopifyQueries.CUSTOMERS_PAGE;
        for (String field : List.of("legacyResourceId", "defaultEmailAddress", "defaultPhoneNumber", "tags",
                "updatedAt", "provinceCode", "countryCodeV2", "hasNextPage", "endCursor", "sortKey: UPDATED_AT")) {
            assertThat(query).contains(field);
        }
    }

    private static List<String> validationErrors(String query) {
        ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                ExecutionInput.newExecutionInput(query).variables(Map.of("first", 10)).build());
        List<String> errors = new ArrayList<>();
        if (result.getSyntaxException() != null) {
            errors.add(result.getSyntaxException().getMessage());
        }
        result.getValidationErrors().forEach(error -> errors.add(error.getMessage()));
        return errors;
    }

    /** Every deprecated field, argument or enum value the query uses, as a dotted path. */
    private static List<String> deprecatedUses(String query) {
        Document document = Parser.parse(query);
        List<String> found = new ArrayList<>();
        java.util.Map<String, graphql.language.FragmentDefinition> fragments = new java.util.HashMap<>();
        document.getDefinitionsOfType(graphql.language.FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            walk(operation.getOperation() == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
                    : schema.getQueryType(), operation.getSelectionSet(), "", found, fragments);
        }
        return found;
    }

    private static void walk(GraphQLFieldsContainer type, SelectionSet selections, String path, List<String> found,
            java.util.Map<String, graphql.language.FragmentDefinition> fragments) {
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof graphql.language.FragmentSpread spread) {
                graphql.language.FragmentDefinition fragment = fragments.get(spread.getName());
                assertThat(fragment).as("fragment " + spread.getName()).isNotNull();
                walk((GraphQLFieldsContainer) schema.getType(fragment.getTypeCondition().getName()),
                        fragment.getSelectionSet(), path, found, fragments);
                continue;
            }
            if (!(selection instanceof Field)) {
                throw new UnsupportedOperationException("inline fragments are not walked: " + selection);
            }
            Field field = (Field) selection;
            GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
            assertThat(definition).as(type.getName() + "." + field.getName()).isNotNull();
            String fieldPath = path + field.getName();
            if (definition.isDeprecated()) {
                found.add(fieldPath);
            }
            for (Argument argument : field.getArguments()) {
                GraphQLArgument argumentDefinition = definition.getArgument(argument.getName());
                if (argumentDefinition.isDeprecated()) {
                    found.add(fieldPath + "(" + argument.getName() + ")");
                }
                GraphQLType argumentType = GraphQLTypeUtil.unwrapAll(argumentDefinition.getType());
                if (argument.getValue() instanceof EnumValue && argumentType instanceof GraphQLEnumType) {
                    String value = ((EnumValue) argument.getValue()).getName();
                    if (((GraphQLEnumType) argumentType).getValue(value).isDeprecated()) {
                        found.add(fieldPath + "(" + argument.getName() + ": " + value + ")");
                    }
                }
            }
            if (field.getSelectionSet() != null) {
                walk((GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(definition.getType()),
                        field.getSelectionSet(), fieldPath + ".", found, fragments);
            }
        }
    }

    private static final class NoTypeResolution implements WiringFactory {
        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
            return env -> null;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
            return env -> null;
        }
    }

    /** Shopify's custom scalars (DateTime, Money, UnsignedInt64, ...) kept as sent. */
    private static GraphQLScalarType passThroughScalar(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return value;
            }

            @Override
            public Object parseValue(Object value, GraphQLContext context, Locale locale) {
                return value;
            }

            @Override
            public Object parseLiteral(Value<?> literal, CoercedVariables variables, GraphQLContext context,
                    Locale locale) {
                return literal instanceof StringValue ? ((StringValue) literal).getValue() : literal;
            }
        }).build();
    }
}
