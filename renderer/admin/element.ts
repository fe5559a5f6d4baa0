import {
  ElAlert, ElAside, ElButton, ElCalendar, ElCard, ElCheckbox, ElCheckboxButton, ElCheckboxGroup, ElCol,
  ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider,
  ElDrawer, ElEmpty, ElForm, ElFormItem, ElHeader, ElInput, ElInputNumber, ElLoading, ElMain, ElMenu, ElMenuItem,
  ElOption, ElPopconfirm, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSwitch, ElTable, ElTableColumn,
  ElTabPane, ElTabs, ElTag, ElTooltip,
} from 'element-plus';
import type { App, Component } from 'vue';
import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-alert.css';
import 'element-plus/theme-chalk/el-aside.css';
import 'element-plus/theme-chalk/el-button.css';
import 'element-plus/theme-chalk/el-calendar.css';
import 'element-plus/theme-chalk/el-card.css';
import 'element-plus/theme-chalk/el-checkbox.css';
import 'element-plus/theme-chalk/el-checkbox-button.css';
import 'element-plus/theme-chalk/el-checkbox-group.css';
import 'element-plus/theme-chalk/el-col.css';
import 'element-plus/theme-chalk/el-container.css';
import 'element-plus/theme-chalk/el-date-picker.css';
import 'element-plus/theme-chalk/el-date-picker-panel.css';
import 'element-plus/theme-chalk/el-descriptions.css';
import 'element-plus/theme-chalk/el-descriptions-item.css';
import 'element-plus/theme-chalk/el-dialog.css';
import 'element-plus/theme-chalk/el-divider.css';
import 'element-plus/theme-chalk/el-drawer.css';
import 'element-plus/theme-chalk/el-empty.css';
import 'element-plus/theme-chalk/el-form.css';
import 'element-plus/theme-chalk/el-form-item.css';
import 'element-plus/theme-chalk/el-header.css';
import 'element-plus/theme-chalk/el-input.css';
import 'element-plus/theme-chalk/el-input-number.css';
import 'element-plus/theme-chalk/el-loading.css';
import 'element-plus/theme-chalk/el-main.css';
import 'element-plus/theme-chalk/el-menu.css';
import 'element-plus/theme-chalk/el-menu-item.css';
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import 'element-plus/theme-chalk/el-option.css';
import 'element-plus/theme-chalk/el-overlay.css';
import 'element-plus/theme-chalk/el-popconfirm.css';
import 'element-plus/theme-chalk/el-popover.css';
import 'element-plus/theme-chalk/el-popper.css';
import 'element-plus/theme-chalk/el-radio-button.css';
import 'element-plus/theme-chalk/el-radio-group.css';
import 'element-plus/theme-chalk/el-row.css';
import 'element-plus/theme-chalk/el-scrollbar.css';
import 'element-plus/theme-chalk/el-select.css';
import 'element-plus/theme-chalk/el-select-dropdown.css';
import 'element-plus/theme-chalk/el-switch.css';
import 'element-plus/theme-chalk/el-tab-pane.css';
import 'element-plus/theme-chalk/el-table.css';
import 'element-plus/theme-chalk/el-table-column.css';
import 'element-plus/theme-chalk/el-tabs.css';
import 'element-plus/theme-chalk/el-tag.css';
import 'element-plus/theme-chalk/el-tooltip.css';

// Only the Element Plus components the back office uses, each with its own stylesheet, instead of
// the whole library: the bundle carries what the screens show.
const COMPONENTS: Record<string, Component> = {
  ElAlert, ElAside, ElButton, ElCalendar, ElCard, ElCheckbox, ElCheckboxButton, ElCheckboxGroup, ElCol,
  ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider,
  ElDrawer, ElEmpty, ElForm, ElFormItem, ElHeader, ElInput, ElInputNumber, ElMain, ElMenu, ElMenuItem, ElOption,
  ElPopconfirm, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSwitch, ElTable, ElTableColumn, ElTabPane,
  ElTabs, ElTag, ElTooltip,
};

export function registerElement(app: App): void {
  for (const [name, component] of Object.entries(COMPONENTS)) app.component(name, component);
  app.use(ElLoading);
}
