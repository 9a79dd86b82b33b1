package org.myoline.episode;

public enum Route { ORAL, IV, SC, IM, TOPICAL }
