package org.myoline.engine.rules;

/**
 * A rules file or catalogue the engine cannot apply. The message names the file, the rule and the key, so
 * whoever maintains a deployment's overlay can fix it from the start-up log alone.
 */
public class RuleSetException extends IllegalArgumentException {

    public RuleSetException(String message) {
        super(message);
    }

    static RuleSetException at(Rule rule, String problem) {
        return new RuleSetException(rule.origin() + ": rule " + rule.id() + ": " + problem);
    }
}
