// The users domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { UserEntity } from './entities/user.entity.js';
