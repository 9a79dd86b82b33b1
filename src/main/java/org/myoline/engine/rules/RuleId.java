package org.myoline.engine.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the rule of the rules file whose {@code params} a record holds. The record's components are the
 * rule's parameters: each must be present in the file, and the file may hold no other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleId {
    String value();
}
