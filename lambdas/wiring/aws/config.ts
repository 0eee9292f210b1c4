import { loadConfig, loadResourceNames } from '../../config/config';

export const config = loadConfig();
export const resources = loadResourceNames();
