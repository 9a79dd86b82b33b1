package org.myoline.engine.model;

public enum Route { ORAL, IV, SC, IM, TOPICAL }
