import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import type {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';

export interface QueryLimits {
  /** Deepest chain of nested fields, the top-level field counting as 1. */
  maxDepth: number;
  /** Aliased fields per operation, fragments counted once per spread. */
  maxAliases: number;
  /** Directive usages per operation, fragments counted once per spread. */
  maxDirectives: number;
  /** Estimated number of resolved fields per operation. */
  maxCost: number;
  /** Items assumed for a `first` argument that is absent and has no schema default. */
  defaultListSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxCost: 1000,
  defaultListSize: 20,
};

type LimitName = 'depth' | 'aliases' | 'directives' | 'cost';
type Variables = Record<string, unknown> | null | undefined;

/**
 * Name of the pagination argument whose value says how many items a list
 * field returns. Only fields that declare it are multiplied: without it we
 * cannot know the size, and guessing would punish small fixed lists.
 */
const LIST_SIZE_ARGUMENT = 'first';

/**
 * Counts are clamped so that a document built to overflow (fragments spread
 * twice per level, `first: 1e300`, ...) still produces a finite number that
 * serialises to JSON in the error extensions instead of `null`.
 */
function saturate(value: number): number {
  return value > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : value;
}

function limitError(
  message: string,
  node: OperationDefinitionNode,
  limit: LimitName,
  max: number,
  actual: number,
): GraphQLError {
  return new GraphQLError(message, {
    nodes: [node],
    extensions: { code: 'BAD_USER_INPUT', limit, max, actual },
  });
}

/**
 * Returns a lookup that evaluates each named fragment at most once per
 * document.
 *
 * Memoising is what keeps these rules linear: a fragment that spreads another
 * fragment twice, nested a few dozen times, describes an exponentially large
 * query, and re-walking each spread would let a tiny document burn the CPU in
 * the very code meant to protect it. The values we compute for a fragment do
 * not depend on where it is spread (its type condition fixes its parent type),
 * so one result per fragment is exact.
 *
 * A fragment that is reached again while still being evaluated is part of a
 * cycle; NoFragmentCycles reports that, so we only need to stop recursing and
 * contribute `cycleValue`. Unknown fragments (reported by KnownFragmentNames)
 * yield `undefined`.
 */
function fragmentEvaluator<T>(
  context: ValidationContext,
  cycleValue: T,
  evaluate: (fragment: FragmentDefinitionNode) => T,
): (name: string) => T | undefined {
  const done = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    if (inProgress.has(name)) return cycleValue;
    const fragment = context.getFragment(name);
    if (!fragment) return undefined;
    inProgress.add(name);
    try {
      const value = evaluate(fragment);
      done.set(name, value);
      return value;
    } finally {
      inProgress.delete(name);
    }
  };
}

/**
 * Every rule works per operation rather than per document: only the operation
 * that gets executed matters, and a fragment only costs something where it is
 * spread. Each rule therefore walks the operation itself, inlining fragments,
 * and skips the regular traversal of the definitions.
 */
function perOperation(
  check: (operation: OperationDefinitionNode) => void,
): ASTVisitor {
  return {
    OperationDefinition(node) {
      check(node);
      return false;
    },
    FragmentDefinition() {
      return false;
    },
  };
}

export function maxDepthRule(max: number): ValidationRule {
  return (context) => {
    // Depth of a selection set relative to its parent field: fragments are
    // transparent (a spread adds no level of its own), which is why they are
    // inlined rather than counted as they appear in the document.
    const fragmentDepth = fragmentEvaluator(context, 0, (fragment) =>
      selectionSetDepth(fragment.selectionSet),
    );

    function selectionSetDepth(selectionSet: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth: number;
        switch (selection.kind) {
          case Kind.FIELD:
            // Introspection fields are deliberately not exempt: the
            // `ofType { ofType { ... } }` chain is a classic way to make a
            // server do unbounded work.
            depth = selection.selectionSet
              ? 1 + selectionSetDepth(selection.selectionSet)
              : 1;
            break;
          case Kind.INLINE_FRAGMENT:
            depth = selectionSetDepth(selection.selectionSet);
            break;
          case Kind.FRAGMENT_SPREAD:
            depth = fragmentDepth(selection.name.value) ?? 0;
            break;
        }
        if (depth > deepest) deepest = depth;
      }
      return deepest;
    }

    return perOperation((operation) => {
      const depth = selectionSetDepth(operation.selectionSet);
      if (depth > max) {
        context.reportError(
          limitError(
            `Query depth ${depth} exceeds the maximum of ${max}.`,
            operation,
            'depth',
            max,
            depth,
          ),
        );
      }
    });
  };
}

/**
 * Shared shape of the alias and directive rules: a sum over the nodes of an
 * operation, where a fragment counts once per spread because that is how
 * often the executor processes it.
 */
function countingRule(
  limit: 'aliases' | 'directives',
  max: number,
  countOperation: (operation: OperationDefinitionNode) => number,
  countFragment: (fragment: FragmentDefinitionNode) => number,
  countNode: (node: SelectionNode) => number,
): ValidationRule {
  return (context) => {
    const fragmentCount = fragmentEvaluator(
      context,
      0,
      (fragment) =>
        saturate(countFragment(fragment) + count(fragment.selectionSet)),
    );

    function count(selectionSet: SelectionSetNode): number {
      let total = 0;
      for (const selection of selectionSet.selections) {
        total += countNode(selection);
        switch (selection.kind) {
          case Kind.FIELD:
            if (selection.selectionSet) total += count(selection.selectionSet);
            break;
          case Kind.INLINE_FRAGMENT:
            total += count(selection.selectionSet);
            break;
          case Kind.FRAGMENT_SPREAD:
            total += fragmentCount(selection.name.value) ?? 0;
            break;
        }
      }
      return saturate(total);
    }

    return perOperation((operation) => {
      const actual = saturate(
        countOperation(operation) + count(operation.selectionSet),
      );
      if (actual > max) {
        context.reportError(
          limitError(
            `Query uses ${actual} ${limit}; the maximum is ${max}.`,
            operation,
            limit,
            max,
            actual,
          ),
        );
      }
    });
  };
}

/**
 * Aliases let one request ask for the same expensive field many times
 * (`a1: search(...) a2: search(...) ...`) without making the query deeper, so
 * they are capped separately. `__typename` is included: it is cheap to
 * resolve, but hundreds of aliased copies still inflate parsing, validation
 * and the response.
 */
export function maxAliasesRule(max: number): ValidationRule {
  return countingRule(
    'aliases',
    max,
    () => 0,
    () => 0,
    (node) => (node.kind === Kind.FIELD && node.alias ? 1 : 0),
  );
}

/**
 * Directives are capped because piling them up (`@include(if: true)` a
 * thousand times on one field) costs validation and execution time while
 * staying within depth and alias limits. Directives on the operation, its
 * variable definitions and fragment definitions count too.
 */
export function maxDirectivesRule(max: number): ValidationRule {
  return countingRule(
    'directives',
    max,
    (operation) =>
      (operation.directives?.length ?? 0) +
      (operation.variableDefinitions ?? []).reduce(
        (sum, definition) => sum + (definition.directives?.length ?? 0),
        0,
      ),
    (fragment) => fragment.directives?.length ?? 0,
    (node) => node.directives?.length ?? 0,
  );
}

/** Resolves a field the way the executor would, including meta fields. */
function fieldDefinition(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (!parentType) return undefined;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isObjectType(parentType) || isInterfaceType(parentType)) {
    return parentType.getFields()[name];
  }
  // Unions have no fields of their own besides __typename.
  return undefined;
}

function compositeTypeNamed(
  schema: GraphQLSchema,
  name: string,
): GraphQLCompositeType | undefined {
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function asListSize(value: unknown): number | undefined {
  // Anything that is not a usable count (null, negative, a string that the
  // Int coercion will reject later) falls back to the default, never to 0:
  // a lower estimate than the server will actually produce is the one
  // outcome this rule must avoid.
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? saturate(Math.ceil(value))
    : undefined;
}

/**
 * Estimates how many objects the executor will resolve. An object or list
 * field costs 1 plus its selection set (scalar and enum fields cost nothing),
 * and when it takes a `first` argument its selection set is resolved once per
 * requested item, so `users(first: 100) { friends(first: 100) { best { id } } }`
 * costs about 10 000 even though it is only four levels deep.
 * Depth and alias limits cannot catch that; this one does.
 *
 * `variables` are the request's variable values; without them a `$var` falls
 * back to its default in the operation, then to the argument's schema
 * default, then to `defaultListSize` - the same order the executor applies.
 */
export function maxCostRule(
  max: number,
  defaultListSize: number,
  variables?: Variables,
): ValidationRule {
  return (context) => {
    const schema = context.getSchema();

    return perOperation((operation) => {
      // Variable defaults are declared per operation, so fragment costs are
      // memoised per operation as well.
      const variableDefaults = new Map<string, ValueNode>();
      for (const definition of operation.variableDefinitions ?? []) {
        if (definition.defaultValue) {
          variableDefaults.set(
            definition.variable.name.value,
            definition.defaultValue,
          );
        }
      }

      function literalListSize(value: ValueNode): number | undefined {
        switch (value.kind) {
          case Kind.INT:
          case Kind.FLOAT:
            return asListSize(Number(value.value));
          case Kind.VARIABLE: {
            const name = value.name.value;
            if (variables && Object.hasOwn(variables, name)) {
              return asListSize(variables[name]);
            }
            const fallback = variableDefaults.get(name);
            return fallback ? literalListSize(fallback) : undefined;
          }
          default:
            return undefined;
        }
      }

      function multiplier(
        field: FieldNode,
        definition: GraphQLField<unknown, unknown>,
      ): number {
        const argument = definition.args.find(
          (arg) => arg.name === LIST_SIZE_ARGUMENT,
        );
        if (!argument) return 1;
        const given = field.arguments?.find(
          (arg) => arg.name.value === LIST_SIZE_ARGUMENT,
        );
        return (
          (given && literalListSize(given.value)) ??
          asListSize(argument.defaultValue) ??
          defaultListSize
        );
      }

      const fragmentCost = fragmentEvaluator(context, 0, (fragment) =>
        selectionSetCost(
          fragment.selectionSet,
          compositeTypeNamed(schema, fragment.typeCondition.name.value),
        ),
      );

      // Type-conditioned fragments on an interface or union are summed, not
      // maxed: only one branch applies per object, but a list can hold objects
      // of every type, so the sum is the bound that cannot be undershot.
      function selectionSetCost(
        selectionSet: SelectionSetNode,
        parentType: GraphQLCompositeType | undefined,
      ): number {
        let total = 0;
        for (const selection of selectionSet.selections) {
          switch (selection.kind) {
            case Kind.FIELD:
              total += fieldCost(selection, parentType);
              break;
            case Kind.INLINE_FRAGMENT:
              total += selectionSetCost(
                selection.selectionSet,
                selection.typeCondition
                  ? compositeTypeNamed(
                      schema,
                      selection.typeCondition.name.value,
                    )
                  : parentType,
              );
              break;
            case Kind.FRAGMENT_SPREAD:
              total += fragmentCost(selection.name.value) ?? 0;
              break;
          }
        }
        return saturate(total);
      }

      function fieldCost(
        field: FieldNode,
        parentType: GraphQLCompositeType | undefined,
      ): number {
        const definition = fieldDefinition(
          schema,
          parentType,
          field.name.value,
        );
        // Unknown fields are reported by FieldsOnCorrectType; here they only
        // need a cost that keeps the estimate conservative without guessing a
        // list size.
        if (!definition) {
          return field.selectionSet
            ? saturate(1 + selectionSetCost(field.selectionSet, undefined))
            : 1;
        }
        // Scalars and enums are read off an object that is already loaded;
        // objects and lists are what cost resolver calls and queries. Counting
        // leaves too would make a page of 100 items with a handful of fields
        // each blow the budget although it is cheap to serve.
        if (!field.selectionSet) return 0;
        const namedType = getNamedType(definition.type);
        const childType = isCompositeType(namedType) ? namedType : undefined;
        return saturate(
          1 +
            selectionSetCost(field.selectionSet, childType) *
              multiplier(field, definition),
        );
      }

      const rootType =
        operation.operation === 'mutation'
          ? schema.getMutationType()
          : operation.operation === 'subscription'
            ? schema.getSubscriptionType()
            : schema.getQueryType();
      const cost = selectionSetCost(
        operation.selectionSet,
        rootType ?? undefined,
      );
      if (cost > max) {
        context.reportError(
          limitError(
            `Query cost ${cost} exceeds the maximum of ${max} (list fields count once per requested item: lower "${LIST_SIZE_ARGUMENT}").`,
            operation,
            'cost',
            max,
            cost,
          ),
        );
      }
    });
  };
}

/**
 * The four rules, to append to graphql's `specifiedRules`. Pass the request's
 * variables so that `first: $n` is costed with the value actually sent.
 */
export function queryLimitRules(
  limits: QueryLimits,
  variables?: Variables,
): ValidationRule[] {
  return [
    maxDepthRule(limits.maxDepth),
    maxAliasesRule(limits.maxAliases),
    maxDirectivesRule(limits.maxDirectives),
    maxCostRule(limits.maxCost, limits.defaultListSize, variables),
  ];
}
