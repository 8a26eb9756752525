import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * An optional integer environment variable between `min` and `max`, read from its string:
 * every refusal says the same thing, "NAME must be an integer between min and max".
 */
export function EnvInt(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be an integer between ${min} and ${max}`;
  const decorators = [
    IsOptional(),
    Type(() => Number),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  ];
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}
