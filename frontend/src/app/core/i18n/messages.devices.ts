/** Strings of the devices section (registry, import, export). */
export const devicesRu = {
  'nav.devices': 'Устройства',
} as const;

export const devicesEn: Record<keyof typeof devicesRu, string> = {
  'nav.devices': 'Devices',
};
