package org.myoline.api;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each resource path answers, read once from the JAX-RS resources, so that a wrong method on an
 * existing path is a 405 naming the allowed ones, not a 404, wherever the path is.
 */
@Singleton
public class AllowedMethods {

    private record Template(Pattern pattern, String method) {
    }

    private volatile List<Template> templates;

    /** The methods allowed on {@code path} (with HEAD for GET, and OPTIONS), or none if no resource has it. */
    public Set<String> on(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Template t : templates()) {
            if (t.pattern().matcher(path).matches()) {
                allowed.add(t.method());
                if (t.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return allowed;
    }

    private List<Template> templates() {
        List<Template> known = templates;
        if (known == null) {
            known = read();
            templates = known;
        }
        return known;
    }

    private static List<Template> read() {
        List<Template> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !type.getPackageName().startsWith("org.myoline")) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String method = httpMethod(m);
                if (method == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = join(root.value(), sub == null ? "" : sub.value());
                found.add(new Template(Pattern.compile(regex(template)), method));
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** "/a/{id}/b" → "/a/[^/]+/b"; literal parts quoted ("$export"). */
    private static String regex(String template) {
        StringBuilder sb = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            sb.append('/');
            sb.append(segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }
}
