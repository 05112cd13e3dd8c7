package com.shopifyjoorsync.sandbox;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.util.List;
import java.util.Map;

/**
 * An approximation of Shopify's query cost calculator.
 *
 * <ul>
 *   <li>scalar and enum fields: 0; {@code __typename} and introspection: 0;</li>
 *   <li>an object field (or a list of objects that is not a connection): 1 + its selection;</li>
 *   <li>a connection (a type with {@code pageInfo} and {@code edges}/{@code nodes}):
 *   2 + n × (1 + the selection of one node), where the node selection is the larger of the one under
 *   {@code nodes} and the one under {@code edges { node }}; {@code pageInfo} and {@code cursor} are free.
 *   Requested cost uses n = {@code first} (or {@code last}); actual cost uses the nodes returned.</li>
 * </ul>
 * With that, {@code customers(first: 250)} selecting scalars plus {@code defaultEmailAddress},
 * {@code defaultPhoneNumber} and {@code defaultAddress} costs 2 + 250 × 4 = 1002: over the limit.
 */
final class ShopifySandboxCost {

    static final int MAX_COST = 1000;

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final OperationDefinition operation;
    private final Map<String, Object> variables;

    ShopifySandboxCost(GraphQLSchema schema, Document document, OperationDefinition operation,
                       Map<String, Object> variables) {
        this.schema = schema;
        this.fragments = NodeUtil.getFragmentsByName(document);
        this.operation = operation;
        this.variables = variables == null ? Map.of() : variables;
    }

    /** Cost with every connection assumed full ({@code first} nodes). */
    int requested() {
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            return mutationCost();
        }
        return cost(operation.getSelectionSet(), schema.getQueryType(), null, false);
    }

    /** Cost of what the result actually holds ({@code data} of the execution result). */
    int actual(Object data) {
        if (!(data instanceof Map)) {
            return 0;
        }
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            return mutationCost();
        }
        return cost(operation.getSelectionSet(), schema.getQueryType(), data, true);
    }

    /**
     * Shopify prices a mutation at 10 points whatever it returns; the sandbox charges that for
     * bulkOperationRunQuery (https://shopify.dev/docs/api/usage/bulk-operations/queries: the bulk
     * query itself is not charged per object) and, as before, nothing for the webhook mutations.
     */
    private int mutationCost() {
        int total = 0;
        for (Selection<?> sel : operation.getSelectionSet().getSelections()) {
            if (sel instanceof Field f) {
                total += MUTATION_COSTS.getOrDefault(f.getName(), 0);
            }
        }
        return total;
    }

    private static final Map<String, Integer> MUTATION_COSTS = Map.of("bulkOperationRunQuery", 10);

    private int cost(SelectionSet set, GraphQLType parent, Object data, boolean actual) {
        if (set == null) {
            return 0;
        }
        int total = 0;
        for (Selection<?> sel : set.getSelections()) {
            if (sel instanceof Field f) {
                total += fieldCost(f, parent, data, actual);
            } else if (sel instanceof InlineFragment in) {
                GraphQLType on = in.getTypeCondition() == null ? parent : schema.getType(in.getTypeCondition().getName());
                total += cost(in.getSelectionSet(), on == null ? parent : on, data, actual);
            } else if (sel instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null) {
                    GraphQLType on = schema.getType(def.getTypeCondition().getName());
                    total += cost(def.getSelectionSet(), on == null ? parent : on, data, actual);
                }
            }
        }
        return total;
    }

    private int fieldCost(Field f, GraphQLType parent, Object data, boolean actual) {
        if (f.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer container)) {
            return 0;
        }
        GraphQLFieldDefinition def = container.getFieldDefinition(f.getName());
        if (def == null) {
            return 0;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(def.getType());
        if (!(type instanceof GraphQLFieldsContainer) && !(type instanceof GraphQLUnionType)) {
            return 0;
        }
        Object value = null;
        if (actual) {
            String key = f.getAlias() != null ? f.getAlias() : f.getName();
            value = data instanceof Map<?, ?> m ? m.get(key) : null;
            if (value == null) {
                return 0;
            }
        }
        if (isConnection(type)) {
            return connectionCost(f, (GraphQLObjectType) type, value, actual);
        }
        if (actual && value instanceof List<?> list) {
            int max = 0;
            for (Object element : list) {
                max = Math.max(max, cost(f.getSelectionSet(), type, element, true));
            }
            return list.isEmpty() ? 0 : 1 + max;
        }
        return 1 + cost(f.getSelectionSet(), type, value, actual);
    }

    static boolean isConnection(GraphQLType type) {
        return type instanceof GraphQLObjectType o && o.getName().endsWith("Connection")
                && o.getFieldDefinition("pageInfo") != null
                && (o.getFieldDefinition("edges") != null || o.getFieldDefinition("nodes") != null);
    }

    private int connectionCost(Field f, GraphQLObjectType conn, Object value, boolean actual) {
        GraphQLType nodeType = nodeType(conn);
        if (!actual) {
            Integer first = intArgument(f, "first");
            Integer last = intArgument(f, "last");
            int n = Math.max(0, first != null ? first : last != null ? last : 0);
            int perNode = 1 + Math.max(
                    selectionUnder(f.getSelectionSet(), conn, "nodes", nodeType, null),
                    selectionUnder(f.getSelectionSet(), conn, "edges", nodeType, null));
            return 2 + n * perNode;
        }
        int viaNodes = selectionUnder(f.getSelectionSet(), conn, "nodes", nodeType, value);
        int viaEdges = selectionUnder(f.getSelectionSet(), conn, "edges", nodeType, value);
        return 2 + Math.max(viaNodes, viaEdges);
    }

    /**
     * Requested: the cost of one node's selection below {@code nodes} / {@code edges.node}.
     * Actual: the sum over returned nodes of (1 + that node's selection).
     */
    private int selectionUnder(SelectionSet set, GraphQLObjectType conn, String listField, GraphQLType nodeType,
                               Object connValue) {
        int best = 0;
        for (Field lf : fieldsNamed(set, listField)) {
            if (connValue == null) {
                if (listField.equals("nodes")) {
                    best = Math.max(best, cost(lf.getSelectionSet(), nodeType, null, false));
                } else {
                    for (Field nf : fieldsNamed(lf.getSelectionSet(), "node")) {
                        best = Math.max(best, cost(nf.getSelectionSet(), nodeType, null, false));
                    }
                }
                continue;
            }
            String key = lf.getAlias() != null ? lf.getAlias() : lf.getName();
            Object list = connValue instanceof Map<?, ?> m ? m.get(key) : null;
            if (!(list instanceof List<?> items)) {
                continue;
            }
            int sum = 0;
            for (Object item : items) {
                if (listField.equals("nodes")) {
                    sum += 1 + cost(lf.getSelectionSet(), nodeType, item, true);
                } else {
                    int edge = 0;
                    for (Field nf : fieldsNamed(lf.getSelectionSet(), "node")) {
                        String nk = nf.getAlias() != null ? nf.getAlias() : nf.getName();
                        Object node = item instanceof Map<?, ?> em ? em.get(nk) : null;
                        if (node != null) {
                            edge = Math.max(edge, 1 + cost(nf.getSelectionSet(), nodeType, node, true));
                        }
                    }
                    sum += edge;
                }
            }
            best = Math.max(best, sum);
        }
        return best;
    }

    private GraphQLType nodeType(GraphQLObjectType conn) {
        GraphQLFieldDefinition nodes = conn.getFieldDefinition("nodes");
        if (nodes != null) {
            return GraphQLTypeUtil.unwrapAll(nodes.getType());
        }
        GraphQLType edge = GraphQLTypeUtil.unwrapAll(conn.getFieldDefinition("edges").getType());
        if (edge instanceof GraphQLFieldsContainer ec && ec.getFieldDefinition("node") != null) {
            return GraphQLTypeUtil.unwrapAll(ec.getFieldDefinition("node").getType());
        }
        return edge;
    }

    /** Fields with that name directly in the set or in its fragments. */
    private List<Field> fieldsNamed(SelectionSet set, String name) {
        List<Field> out = new java.util.ArrayList<>();
        collect(set, name, out);
        return out;
    }

    private void collect(SelectionSet set, String name, List<Field> out) {
        if (set == null) {
            return;
        }
        for (Selection<?> sel : set.getSelections()) {
            if (sel instanceof Field f && f.getName().equals(name)) {
                out.add(f);
            } else if (sel instanceof InlineFragment in) {
                collect(in.getSelectionSet(), name, out);
            } else if (sel instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                collect(fragments.get(spread.getName()).getSelectionSet(), name, out);
            }
        }
    }

    private Integer intArgument(Field f, String name) {
        for (Argument a : f.getArguments()) {
            if (a.getName().equals(name)) {
                return intValue(a.getValue());
            }
        }
        return null;
    }

    private Integer intValue(Value<?> v) {
        if (v instanceof IntValue i) {
            return i.getValue().min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        }
        if (v instanceof VariableReference ref) {
            Object given = variables.get(ref.getName());
            if (given instanceof Number n) {
                return (int) Math.min(Integer.MAX_VALUE, n.longValue());
            }
            if (given == null && !variables.containsKey(ref.getName())) {
                for (VariableDefinition vd : operation.getVariableDefinitions()) {
                    if (vd.getName().equals(ref.getName()) && vd.getDefaultValue() != null) {
                        return intValue(vd.getDefaultValue());
                    }
                }
            }
        }
        return null;
    }
}
