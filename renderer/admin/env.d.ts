/// <reference types="element-plus/global" />
// Element Plus's own declaration of its global components, so vue-tsc checks <el-*> props in templates.
export {};
