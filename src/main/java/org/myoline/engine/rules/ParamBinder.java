package org.myoline.engine.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a rule's raw parameters (numbers, text, lists and maps as read from JSON) to the typed record of
 * the unit that applies it. Unknown keys, missing keys, wrong types and values outside a component's
 * {@link Range} are errors that name the file, the rule and the key.
 */
final class ParamBinder {
    private ParamBinder() {
    }

    static <P extends Record> P bind(Rule rule, Class<P> type) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            known.add(c.getName());
        }
        Set<String> unknown = new TreeSet<>(rule.params().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw RuleSetException.at(rule, "unknown parameter " + String.join(", ", unknown) + " (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            if (!rule.params().containsKey(c.getName())) {
                throw RuleSetException.at(rule, "parameter " + c.getName() + " is missing");
            }
            values[i] = convert(rule, c.getName(), rule.params().get(c.getName()), c.getGenericType());
            Range range = c.getAnnotation(Range.class);
            if (range != null) {
                checkRange(rule, c.getName(), values[i], range);
            }
        }
        try {
            Constructor<P> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw RuleSetException.at(rule, "parameters rejected: " + cause.getMessage());
        }
    }

    private static Object convert(Rule rule, String key, Object raw, Type target) {
        if (raw == null) {
            throw RuleSetException.at(rule, "parameter " + key + " is null");
        }
        Class<?> cls = target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
        if (cls == double.class || cls == Double.class) {
            return number(rule, key, raw);
        }
        if (cls == int.class || cls == Integer.class) {
            double d = number(rule, key, raw);
            if (d != Math.rint(d)) {
                throw RuleSetException.at(rule, "parameter " + key + " must be a whole number, not " + raw);
            }
            return (int) d;
        }
        if (cls == boolean.class || cls == Boolean.class) {
            if (raw instanceof Boolean b) {
                return b;
            }
            throw RuleSetException.at(rule, "parameter " + key + " must be true or false, not " + raw);
        }
        if (cls.isEnum()) {
            for (Object constant : cls.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(raw)) {
                    return constant;
                }
            }
            throw RuleSetException.at(rule, "parameter " + key + " = " + raw + " is not one of "
                    + java.util.Arrays.toString(cls.getEnumConstants()));
        }
        if (cls == String.class) {
            if (raw instanceof String s && !s.isBlank()) {
                return s;
            }
            throw RuleSetException.at(rule, "parameter " + key + " must be non-empty text, not " + raw);
        }
        if (cls == List.class || cls == Set.class) {
            if (!(raw instanceof List<?> list)) {
                throw RuleSetException.at(rule, "parameter " + key + " must be a list, not " + raw);
            }
            Type element = ((ParameterizedType) target).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(rule, key + "[" + i + "]", list.get(i), element));
            }
            return cls == Set.class ? Set.copyOf(out) : List.copyOf(out);
        }
        if (cls == Map.class) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw RuleSetException.at(rule, "parameter " + key + " must be an object, not " + raw);
            }
            Type value = ((ParameterizedType) target).getActualTypeArguments()[1];
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), convert(rule, key + "." + e.getKey(), e.getValue(), value));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        throw new IllegalStateException("rule parameter type " + target + " is not supported (" + rule.id() + "." + key + ")");
    }

    private static double number(Rule rule, String key, Object raw) {
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw RuleSetException.at(rule, "parameter " + key + " must be a number, not " + raw);
    }

    private static void checkRange(Rule rule, String key, Object value, Range range) {
        if (value instanceof Number n && (n.doubleValue() < range.min() || n.doubleValue() > range.max())) {
            throw RuleSetException.at(rule, "parameter " + key + " = " + value + " is out of range ["
                    + number(range.min()) + ", " + number(range.max()) + "]");
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
